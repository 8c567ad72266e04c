import { afterEach, describe, expect, it } from 'vitest';
import type { Classifier } from '../../src/classify/classifier.js';
import { createFailoverClassifier, type BreakerState, type FailoverClassifier } from '../../src/classify/failover.js';
import { createHfClassifier } from '../../src/classify/huggingface/hf-classifier.js';
import type { Sentiment } from '../../src/domain/types.js';
import { silentLogger } from '../../src/shared/logger.js';
import { badRequest, loading, serverError, startHfStandin, type HfStandin } from '../support/hf-standin.js';
import { fakeClock, type FakeClock } from '../support/fake-clock.js';
import { eventually, settledWithin, turn, until } from '../support/until.js';

/** Stand-in for the offline model: counts calls, says neutral. */
function fakeLocal(): Classifier & { calls: number } {
  return {
    name: 'local:fake-v1',
    state: () => 'offline',
    calls: 0,
    classify(texts) {
      this.calls += 1;
      return Promise.resolve(texts.map((): Sentiment => ({ label: 'neutral', confidence: 0.5, scores: { negative: 0.25, neutral: 0.5, positive: 0.25 }, classifier: 'local:fake-v1' })));
    },
  };
}

let standin: HfStandin | undefined;
let breaker: FailoverClassifier | undefined;
let clock: FakeClock | undefined;
afterEach(async () => {
  clock?.auto(false);
  breaker?.shutdown();
  await standin?.close();
});

async function setup(cooldownMs = 150) {
  standin = await startHfStandin();
  const primary = createHfClassifier({
    token: 'hf_x',
    model: 'm/sentiment',
    endpointUrl: standin.url,
    batchSize: 4,
    logger: silentLogger(),
    clock: (clock = fakeClock(undefined, { auto: true })), // retry waits (estimated_time 20 s) pass at once
  });
  const local = fakeLocal();
  const states: BreakerState[] = [];
  breaker = createFailoverClassifier(primary, local, { failureThreshold: 2, cooldownMs, logger: silentLogger(), onStateChange: (s) => states.push(s) });
  return { standin, local, states, breaker };
}

describe('createFailoverClassifier (HF primary against the stand-in, fake offline fallback)', () => {
  it('GIVEN a healthy primary THEN it answers and is named', async () => {
    const { breaker, local } = await setup();
    const out = await breaker.classify(['bad', 'good']);
    expect(out.map((s) => s.classifier)).toEqual(['hf:m/sentiment', 'hf:m/sentiment']);
    expect(breaker.name).toBe('hf:m/sentiment');
    expect(local.calls).toBe(0);
  });

  it('GIVEN a storm of 503s THEN failed batches are answered by the fallback, the circuit opens, requests stay bounded, and the primary comes back after cool-down', async () => {
    const { standin, breaker, local, states } = await setup();
    standin.storm(loading(20));
    const started = Date.now();

    const first = await breaker.classify(['a', 'b', 'c']);
    expect(first.map((s) => s.classifier)).toEqual(['local:fake-v1', 'local:fake-v1', 'local:fake-v1']);
    expect(breaker.state()).toBe('closed');
    await breaker.classify(['d']);
    expect(breaker.state()).toBe('open');
    expect(breaker.name).toBe('local:fake-v1');

    const before = standin.requests.length;
    const third = await breaker.classify(['e', 'f']);
    expect(third).toHaveLength(2);
    expect(standin.requests.length).toBe(before); // open: primary not called at all
    expect(before).toBeLessThanOrEqual(2 * 4 * 3);
    expect(local.calls).toBe(3);
    expect(Date.now() - started).toBeLessThan(5_000);

    standin.storm(undefined);
    await until(() => breaker.state() === 'half-open', { what: 'the cool-down (150 ms) to end' });
    const back = await breaker.classify(['bad']);
    expect(back[0]!.classifier).toBe('hf:m/sentiment');
    expect(back[0]!.label).toBe('negative');
    expect(breaker.state()).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('GIVEN the half-open trial fails THEN the circuit opens again and the fallback answers', async () => {
    const { standin, breaker } = await setup(50);
    standin.storm(loading(1));
    await breaker.classify(['a']);
    await breaker.classify(['b']);
    await until(() => breaker.state() === 'half-open', { what: 'the cool-down (50 ms) to end' });
    const out = await breaker.classify(['c']);
    expect(out[0]!.classifier).toBe('local:fake-v1');
    expect(breaker.state()).toBe('open');
  });

  it('GIVEN a success between failures THEN the consecutive count restarts', async () => {
    const { standin, breaker } = await setup();
    standin.script(loading(1), loading(1), loading(1));
    await breaker.classify(['a']); // fails (3 tries), fallback
    await breaker.classify(['b']); // succeeds
    standin.script(loading(1), loading(1), loading(1));
    await breaker.classify(['c']); // fails again: 1 consecutive
    expect(breaker.state()).toBe('closed');
  });

  it('GIVEN a primary that returns too few results THEN that counts as a failure and the fallback answers', async () => {
    const broken: Classifier = { name: 'broken', state: () => 'closed', classify: () => Promise.resolve([]) };
    const local = fakeLocal();
    breaker = createFailoverClassifier(broken, local, { failureThreshold: 1, cooldownMs: 1000, logger: silentLogger() });
    const out = await breaker.classify(['x']);
    expect(out[0]!.classifier).toBe('local:fake-v1');
    expect(breaker.state()).toBe('open');
  });
});

describe('a text the model refuses for good', () => {
  it('GIVEN one text answered 400 in a batch THEN the others keep the primary answer, that one gets the fallback, and the circuit stays closed', async () => {
    const { standin, breaker, local, states } = await setup();
    for (let i = 0; i < 3; i++) {
      standin.script(badRequest()); // the next request (one of the three texts) is refused
      const out = await breaker.classify(['first', 'second', 'third']);
      expect(out.filter((s) => s.classifier === 'local:fake-v1')).toHaveLength(1);
      expect(out.filter((s) => s.classifier === 'hf:m/sentiment')).toHaveLength(2);
    }
    expect(local.calls).toBe(3);
    expect(breaker.state()).toBe('closed');
    expect(states).toEqual([]);
  });
});

describe('a batch the wrapper gives up on: its Hugging Face requests and retries stop', () => {
  /** HF primary whose retry waits run on a stopped fake clock: they end only when the test advances it */
  async function abandonSetup(o: { timeoutMs?: number; failureThreshold?: number; maxTries?: number }) {
    standin = await startHfStandin();
    clock = fakeClock();
    const primary = createHfClassifier({ token: 'hf_x', model: 'm/sentiment', endpointUrl: standin.url, batchSize: 4, logger: silentLogger(), clock, retry: { maxTries: o.maxTries ?? 3 } });
    const local = fakeLocal();
    breaker = createFailoverClassifier(primary, local, { failureThreshold: o.failureThreshold ?? 5, cooldownMs: 10_000, timeoutMs: o.timeoutMs, logger: silentLogger() });
    return { standin, local, breaker, clock };
  }
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 10; i++) await turn();
  };

  it('GIVEN 503 + estimated_time past timeoutMs THEN the fallback answers and the stand-in hears no retry of that batch', async () => {
    const { standin, breaker, clock } = await abandonSetup({ timeoutMs: 200 });
    standin.storm(loading(4)); // each text: try 1 at 0, try 2 at 4 s, try 3 at 8 s (on the fake clock) if nobody stops them
    const out = await breaker.classify(['a', 'b', 'c']); // the wrapper gives up after 200 ms (real), mid-wait
    expect(out.map((s) => s.classifier)).toEqual(['local:fake-v1', 'local:fake-v1', 'local:fake-v1']);
    expect(standin.requests.length).toBeGreaterThan(0); // the batch had reached the endpoint before it was given up
    expect(clock.pending()).toBe(0); // every retry wait was cancelled
    clock.advance(10_000); // past both retry waits of every text (without the abort: 9 requests by now)
    await settle();
    const sent = standin.requests.map((r) => r.body.inputs);
    expect(sent.length).toBeLessThanOrEqual(3);
    expect(new Set(sent).size).toBe(sent.length); // no text was tried twice
  });

  it('GIVEN an endpoint that hangs past timeoutMs THEN the fallback answers and the hung requests are closed, not left to the 30 s request timeout', async () => {
    const { standin, breaker } = await abandonSetup({ timeoutMs: 100 });
    standin.hold(true);
    const out = await breaker.classify(['a', 'b']);
    expect(out.map((s) => s.classifier)).toEqual(['local:fake-v1', 'local:fake-v1']);
    expect(await eventually(() => standin.abandoned === standin.requests.length)).toBe(true);
    await settle();
    expect(standin.requests.length).toBeLessThanOrEqual(2);
  });

  it('GIVEN a batch in flight WHEN another batch opens the circuit THEN the first is aborted and answered by the fallback', async () => {
    const { standin, breaker, local } = await abandonSetup({ failureThreshold: 1, maxTries: 1 });
    standin.hold(true);
    const hung = breaker.classify(['slow']);
    expect(await eventually(() => standin.requests.length === 1)).toBe(true);
    standin.hold(false);
    standin.script(serverError());
    const failed = await breaker.classify(['fails']);
    expect(failed[0]!.classifier).toBe('local:fake-v1');
    expect(breaker.state()).toBe('open');
    const slow = await settledWithin(hung, 1_000);
    expect(slow).not.toBe('still pending');
    expect((slow as Sentiment[])[0]!.classifier).toBe('local:fake-v1');
    expect(local.calls).toBe(2);
    expect(await eventually(() => standin.abandoned === 1)).toBe(true);
  });
});

describe('a batch the caller aborts', () => {
  it('GIVEN a hung primary WHEN the caller aborts THEN it rejects with the reason, the request is closed, no fallback runs and it is no failure', async () => {
    const s = (standin = await startHfStandin());
    const primary = createHfClassifier({ token: 'hf_x', model: 'm/sentiment', endpointUrl: s.url, batchSize: 4, logger: silentLogger() });
    const local = fakeLocal();
    breaker = createFailoverClassifier(primary, local, { failureThreshold: 1, cooldownMs: 10_000, logger: silentLogger() });
    s.hold(true);
    const controller = new AbortController();
    const pending = breaker.classify(['a'], { signal: controller.signal });
    await until(() => s.requests.length > 0);
    controller.abort(new Error('cycle cancelled'));
    const settled = await settledWithin(pending, 1_000);
    expect(settled).toBeInstanceOf(Error);
    expect((settled as Error).message).toBe('cycle cancelled');
    expect(local.calls).toBe(0);
    expect(breaker.state()).toBe('closed');
    await until(() => s.abandoned > 0);
    expect(s.abandoned).toBe(1);
  });
});
