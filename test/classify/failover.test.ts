import { afterEach, describe, expect, it } from 'vitest';
import type { Classifier } from '../../src/classify/classifier.js';
import { createFailoverClassifier, type BreakerState, type FailoverClassifier } from '../../src/classify/failover.js';
import { createHfClassifier } from '../../src/classify/huggingface/hf-classifier.js';
import type { Sentiment } from '../../src/domain/types.js';
import { silentLogger } from '../../src/shared/logger.js';
import { badRequest, loading, serverError, startHfStandin, type HfStandin } from '../support/hf-standin.js';

/** Stand-in for the offline model: counts calls, says neutral. */
function fakeLocal(): Classifier & { calls: number } {
  return {
    name: 'local:fake-v1',
    calls: 0,
    classify(texts) {
      this.calls += 1;
      return Promise.resolve(texts.map((): Sentiment => ({ label: 'neutral', confidence: 0.5, scores: { negative: 0.25, neutral: 0.5, positive: 0.25 }, classifier: 'local:fake-v1' })));
    },
  };
}

let standin: HfStandin | undefined;
let breaker: FailoverClassifier | undefined;
afterEach(async () => {
  breaker?.shutdown();
  await standin?.close();
});
const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function setup(cooldownMs = 150) {
  standin = await startHfStandin();
  const primary = createHfClassifier({
    token: 'hf_x',
    model: 'm/sentiment',
    endpointUrl: standin.url,
    batchSize: 4,
    logger: silentLogger(),
    sleep: (ms) => wait(ms / 1000), // estimated_time 20 s -> 20 ms
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
    await wait(200);
    expect(breaker.state()).toBe('half-open');
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
    await wait(80);
    expect(breaker.state()).toBe('half-open');
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
    const broken: Classifier = { name: 'broken', classify: () => Promise.resolve([]) };
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
  /** HF primary with real-time retry waits of estimated_time / 10 (a 503 with estimated_time 3 -> 300 ms) */
  async function abandonSetup(o: { timeoutMs?: number; failureThreshold?: number; maxTries?: number }) {
    standin = await startHfStandin();
    const primary = createHfClassifier({ token: 'hf_x', model: 'm/sentiment', endpointUrl: standin.url, batchSize: 4, logger: silentLogger(), sleep: (ms) => wait(ms / 10), retry: { maxTries: o.maxTries ?? 3 } });
    const local = fakeLocal();
    breaker = createFailoverClassifier(primary, local, { failureThreshold: o.failureThreshold ?? 5, cooldownMs: 10_000, timeoutMs: o.timeoutMs, logger: silentLogger() });
    return { standin, local, breaker };
  }
  const until = async (cond: () => boolean, ms = 2_000): Promise<boolean> => {
    for (const end = Date.now() + ms; !cond() && Date.now() < end; ) await wait(10);
    return cond();
  };

  it('GIVEN 503 + estimated_time past timeoutMs THEN the fallback answers and the stand-in hears no retry of that batch', async () => {
    const { standin, breaker } = await abandonSetup({ timeoutMs: 200 });
    standin.storm(loading(4)); // each text: try 1 at 0, try 2 at ~400 ms, try 3 at ~800 ms if nobody stops them
    const out = await breaker.classify(['a', 'b', 'c']);
    expect(out.map((s) => s.classifier)).toEqual(['local:fake-v1', 'local:fake-v1', 'local:fake-v1']);
    expect(standin.requests.length).toBeGreaterThan(0); // the batch had reached the endpoint before it was given up
    await wait(1_000); // past both retry waits of every text (without the abort: 9 requests by now)
    const sent = standin.requests.map((r) => r.body.inputs);
    expect(sent.length).toBeLessThanOrEqual(3);
    expect(new Set(sent).size).toBe(sent.length); // no text was tried twice
  });

  it('GIVEN an endpoint that hangs past timeoutMs THEN the fallback answers and the hung requests are closed, not left to the 30 s request timeout', async () => {
    const { standin, breaker } = await abandonSetup({ timeoutMs: 100 });
    standin.hold(true);
    const out = await breaker.classify(['a', 'b']);
    expect(out.map((s) => s.classifier)).toEqual(['local:fake-v1', 'local:fake-v1']);
    expect(await until(() => standin.abandoned === standin.requests.length)).toBe(true);
    await wait(100);
    expect(standin.requests.length).toBeLessThanOrEqual(2);
  });

  it('GIVEN a batch in flight WHEN another batch opens the circuit THEN the first is aborted and answered by the fallback', async () => {
    const { standin, breaker, local } = await abandonSetup({ failureThreshold: 1, maxTries: 1 });
    standin.hold(true);
    const hung = breaker.classify(['slow']);
    expect(await until(() => standin.requests.length === 1)).toBe(true);
    standin.hold(false);
    standin.script(serverError());
    const failed = await breaker.classify(['fails']);
    expect(failed[0]!.classifier).toBe('local:fake-v1');
    expect(breaker.state()).toBe('open');
    const slow = await Promise.race([hung, wait(1_000).then(() => 'still waiting on the hung request' as const)]);
    expect(slow).not.toBe('still waiting on the hung request');
    expect((slow as Sentiment[])[0]!.classifier).toBe('local:fake-v1');
    expect(local.calls).toBe(2);
    expect(await until(() => standin.abandoned === 1)).toBe(true);
  });
});

describe('a batch the caller aborts', () => {
  it('GIVEN a hung primary WHEN the caller aborts THEN it rejects with the reason, the request is closed, no fallback runs and it is no failure', async () => {
    standin = await startHfStandin();
    const primary = createHfClassifier({ token: 'hf_x', model: 'm/sentiment', endpointUrl: standin.url, batchSize: 4, logger: silentLogger() });
    const local = fakeLocal();
    breaker = createFailoverClassifier(primary, local, { failureThreshold: 1, cooldownMs: 10_000, logger: silentLogger() });
    standin.hold(true);
    const controller = new AbortController();
    const pending = breaker.classify(['a'], { signal: controller.signal });
    for (const end = Date.now() + 2_000; standin.requests.length === 0 && Date.now() < end; ) await wait(5);
    controller.abort(new Error('cycle cancelled'));
    const settled = await Promise.race([pending.then(() => 'answered' as const, (e: unknown) => e), wait(1_000).then(() => 'still waiting' as const)]);
    expect(settled).toBeInstanceOf(Error);
    expect((settled as Error).message).toBe('cycle cancelled');
    expect(local.calls).toBe(0);
    expect(breaker.state()).toBe('closed');
    for (const end = Date.now() + 2_000; standin.abandoned === 0 && Date.now() < end; ) await wait(5);
    expect(standin.abandoned).toBe(1);
  });
});
