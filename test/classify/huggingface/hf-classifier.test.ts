import { afterEach, describe, expect, it } from 'vitest';
import { PartialClassificationError } from '../../../src/classify/classifier.js';
import { createHfClassifier, type HfClassifierOptions } from '../../../src/classify/huggingface/hf-classifier.js';
import { HfModelLoadingError, HfRateLimitedError, HfUnknownLabelError } from '../../../src/classify/huggingface/errors.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { badRequest, loading, rateLimited, serverError, startHfStandin, type HfStandin, type HfStandinOptions } from '../../support/hf-standin.js';
import { fakeClock, type FakeClock } from '../../support/fake-clock.js';
import { settledWithin, turn, until } from '../../support/until.js';

let standin: HfStandin | undefined;
let clock: FakeClock | undefined;
afterEach(async () => {
  clock?.auto(false);
  clock = undefined;
  await standin?.close();
  standin = undefined;
});

const MODEL = 'cardiffnlp/twitter-roberta-base-sentiment-latest';
/**
 * Retry waits run on a fake clock: by default it jumps to each wait's end at once (auto), so a test sees exactly the
 * waits asked for (`waits`) without spending them; `{ auto: false }` leaves time stopped until the test moves it.
 */
async function setup(standinOpts: HfStandinOptions = {}, opts: Partial<HfClassifierOptions> = {}, time: { auto?: boolean } = { auto: true }) {
  standin = await startHfStandin(standinOpts);
  clock = fakeClock(undefined, time);
  const classifier = createHfClassifier({ token: 'hf_test_token', model: MODEL, endpointUrl: standin.url, batchSize: 4, logger: silentLogger(), clock, random: () => 0.5, ...opts });
  return { standin, classifier, clock, waits: clock.requested };
}

describe('createHfClassifier against the stand-in', () => {
  it('GIVEN named labels THEN maps them, names the classifier and sends the Bearer token', async () => {
    const { standin, classifier } = await setup();
    const out = await classifier.classify(['this is bad', 'I love it', 'a chair']);
    expect(classifier.name).toBe(`hf:${MODEL}`);
    expect(out.map((s) => s.label)).toEqual(['negative', 'positive', 'neutral']);
    expect(out.every((s) => s.classifier === `hf:${MODEL}`)).toBe(true);
    expect(out[0]!.confidence).toBeCloseTo(0.9);
    expect(standin.requests[0]!.headers.authorization).toBe('Bearer hf_test_token');
    expect(standin.requests.map((r) => r.body.inputs).sort()).toEqual(['I love it', 'a chair', 'this is bad']);
  });

  it('GIVEN a LABEL_0..2 model THEN LABEL_0 is negative and LABEL_2 positive', async () => {
    const { classifier } = await setup({ labels: 'label-n' });
    const out = await classifier.classify(['terrible service', 'great service']);
    expect(out.map((s) => s.label)).toEqual(['negative', 'positive']);
  });

  it('GIVEN a 5-star model THEN 1-2 stars sum to negative and 4-5 stars to positive', async () => {
    const { classifier } = await setup({ labels: 'stars' });
    const [neg, pos] = await classifier.classify(['bad', 'great']);
    expect(neg!.label).toBe('negative');
    expect(neg!.scores.negative).toBeCloseTo(0.9);
    expect(pos!.label).toBe('positive');
    expect(pos!.scores.positive).toBeCloseTo(0.9);
  });

  it('GIVEN a config labelMap THEN it overrides the defaults', async () => {
    const { classifier } = await setup({ labels: 'label-n' }, { labelMap: { LABEL_0: 'positive', LABEL_2: 'negative' } });
    const [s] = await classifier.classify(['bad']);
    expect(s!.label).toBe('positive');
  });

  it('GIVEN an unmapped label THEN rejects with HfUnknownLabelError', async () => {
    const { standin, classifier } = await setup();
    standin.script({ status: 200, body: [[{ label: 'joy', score: 0.9 }]] });
    await expect(classifier.classify(['x'])).rejects.toBeInstanceOf(HfUnknownLabelError);
  });

  it('GIVEN a dedicated endpoint answering a flat list THEN it is accepted', async () => {
    const { classifier } = await setup({ format: 'flat' });
    const [s] = await classifier.classify(['bad']);
    expect(s!.label).toBe('negative');
  });

  it('GIVEN 10 texts and batchSize 3 THEN 10 requests with at most 3 in flight, results in input order', async () => {
    const { standin, classifier } = await setup({ delayMs: 20 }, { batchSize: 3 });
    const texts = Array.from({ length: 10 }, (_, i) => (i % 2 ? `good ${i}` : `bad ${i}`));
    const out = await classifier.classify(texts);
    expect(standin.requests).toHaveLength(10);
    expect(standin.maxInFlight).toBe(3);
    expect(out.map((s) => s.label)).toEqual(texts.map((t) => (t.startsWith('good') ? 'positive' : 'negative')));
  });

  it('GIVEN a 5,000-char text THEN the stand-in sees at most maxInputChars, cut on a word boundary', async () => {
    const { standin, classifier } = await setup({}, { maxInputChars: 1500 });
    await classifier.classify([`${'lorem ipsum '.repeat(416)}bad`]);
    const sent = standin.requests[0]!.body.inputs as string;
    expect(sent.length).toBeLessThanOrEqual(1500);
    expect(sent.length).toBeGreaterThan(1400);
    expect(sent.endsWith('lorem') || sent.endsWith('ipsum')).toBe(true);
  });

  it('GIVEN 503 with estimated_time THEN waits that long (capped at 60 s) and succeeds', async () => {
    const { standin, classifier, waits } = await setup();
    standin.script(loading(20), loading(500));
    const [s] = await classifier.classify(['bad']);
    expect(s!.label).toBe('negative');
    expect(standin.requests).toHaveLength(3);
    expect(waits).toEqual([20_000, 60_000]);
  });

  it('GIVEN 503 on every try THEN stops after 3 tries with HfModelLoadingError', async () => {
    const { standin, classifier } = await setup();
    standin.storm(loading(1));
    await expect(classifier.classify(['bad'])).rejects.toBeInstanceOf(HfModelLoadingError);
    expect(standin.requests).toHaveLength(3);
  });

  it('GIVEN 429 twice THEN exponential backoff, then success', async () => {
    const { standin, classifier, waits } = await setup();
    standin.script(rateLimited(), rateLimited());
    const [s] = await classifier.classify(['good']);
    expect(s!.label).toBe('positive');
    expect(waits).toEqual([750, 1500]); // equal jitter with random 0.5: step/2 + step/4
  });

  it('GIVEN 429 on every try THEN HfRateLimitedError after 3 tries', async () => {
    const { standin, classifier } = await setup();
    standin.storm(rateLimited());
    await expect(classifier.classify(['good'])).rejects.toBeInstanceOf(HfRateLimitedError);
    expect(standin.requests).toHaveLength(3);
  });

  it('GIVEN a 400 THEN no retry, and the batch reports that text as refused (for a fallback) rather than failing', async () => {
    const { standin, classifier } = await setup();
    standin.script(badRequest());
    const err: unknown = await classifier.classify(['good']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PartialClassificationError);
    expect((err as PartialClassificationError).results).toEqual([undefined]);
    expect((err as PartialClassificationError).reason).toMatch(/HTTP 400/);
    expect(standin.requests).toHaveLength(1);
  });

  it('GIVEN a 500 then success THEN retried once', async () => {
    const { standin, classifier } = await setup();
    standin.script(serverError());
    await classifier.classify(['good']);
    expect(standin.requests).toHaveLength(2);
  });

  it('GIVEN a storm of 503s on a 20-text batch THEN requests stay bounded (no retry loop)', async () => {
    const { standin, classifier } = await setup({}, { batchSize: 4 });
    standin.storm(loading(5));
    await expect(classifier.classify(Array.from({ length: 20 }, (_, i) => `text ${i}`))).rejects.toBeInstanceOf(HfModelLoadingError);
    expect(standin.requests.length).toBeLessThanOrEqual(4 * 3);
  });
});

describe('a batch the caller gives up on (options.signal)', () => {
  it('GIVEN a 503 with estimated_time 30 s WHEN the caller aborts during the wait THEN it rejects at once with the reason, the wait timers are cancelled and no retry is sent', async () => {
    const { standin, classifier, clock } = await setup({}, {}, { auto: false });
    standin.storm(loading(30));
    const controller = new AbortController();
    const pending = classifier.classify(['bad', 'good'], { signal: controller.signal });
    await until(() => clock.pending() === 2, { what: 'both texts in their 30 s wait' });
    expect(clock.requested).toEqual([30_000, 30_000]);
    const reason = new Error('gave up');
    controller.abort(reason);
    expect(await settledWithin(pending)).toBe(reason);
    expect(clock.pending()).toBe(0);
    clock.advance(60_000); // even once the wait would have ended, nothing more is sent
    for (let i = 0; i < 10; i++) await turn();
    expect(standin.requests).toHaveLength(2);
  });

  it('GIVEN a clock whose timers cannot be cancelled and never fire THEN the retry wait still ends on abort', async () => {
    let waits = 0;
    const { standin, classifier } = await setup({}, { clock: { now: () => 0, setTimer: () => (waits++, () => undefined) } });
    standin.storm(rateLimited());
    const controller = new AbortController();
    const pending = classifier.classify(['bad'], { signal: controller.signal });
    await until(() => waits === 1, { what: 'the text in its retry wait' });
    controller.abort(new Error('gave up'));
    expect(await settledWithin(pending)).toBeInstanceOf(Error);
    expect(standin.requests).toHaveLength(1);
  });

  it('GIVEN a hung request WHEN the caller aborts THEN the request is closed and no text after it is sent', async () => {
    const { standin, classifier } = await setup({}, { batchSize: 1 });
    standin.hold(true);
    const controller = new AbortController();
    const pending = classifier.classify(['a', 'b', 'c'], { signal: controller.signal });
    await until(() => standin.requests.length === 1);
    controller.abort(new Error('gave up'));
    expect(await settledWithin(pending)).toBeInstanceOf(Error);
    await until(() => standin.abandoned === 1);
    standin.hold(false);
    for (let i = 0; i < 10; i++) await turn();
    expect(standin.requests).toHaveLength(1);
  });

  it('GIVEN an already aborted signal THEN nothing is sent', async () => {
    const { standin, classifier } = await setup();
    await expect(classifier.classify(['a'], { signal: AbortSignal.abort(new Error('too late')) })).rejects.toThrow('too late');
    expect(standin.requests).toHaveLength(0);
  });
});
