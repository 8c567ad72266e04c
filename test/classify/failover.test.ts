import { afterEach, describe, expect, it } from 'vitest';
import type { Classifier } from '../../src/classify/classifier.js';
import { createFailoverClassifier, type BreakerState, type FailoverClassifier } from '../../src/classify/failover.js';
import { createHfClassifier } from '../../src/classify/huggingface/hf-classifier.js';
import type { Sentiment } from '../../src/domain/types.js';
import { silentLogger } from '../../src/shared/logger.js';
import { badRequest, loading, startHfStandin, type HfStandin } from '../support/hf-standin.js';

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
