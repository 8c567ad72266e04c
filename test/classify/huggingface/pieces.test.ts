import { describe, expect, it } from 'vitest';
import { createHfClassifier } from '../../../src/classify/huggingface/hf-classifier.js';
import { buildLabelMap, toSentiment } from '../../../src/classify/huggingface/labels.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../../src/classify/huggingface/retry.js';
import { truncateForModel } from '../../../src/classify/huggingface/truncate.js';
import { silentLogger } from '../../../src/shared/logger.js';

describe('truncateForModel', () => {
  it('keeps short text as is', () => expect(truncateForModel('short text', 1500)).toBe('short text'));
  it('cuts on the last word boundary', () => expect(truncateForModel('alpha beta gamma delta', 20)).toBe('alpha beta gamma'));
  it('hard-cuts when the last boundary is far back', () => expect(truncateForModel('alpha betagammadelta', 13)).toBe('alpha betagam'));
  it('hard-cuts one long word', () => expect(truncateForModel('x'.repeat(50), 10)).toBe('x'.repeat(10)));
  it('never splits a surrogate pair', () => expect(truncateForModel('a'.repeat(9) + '😀😀', 10)).toBe('a'.repeat(9)));
});

describe('toSentiment', () => {
  const map = buildLabelMap();
  it('fills labels the endpoint left out with the remaining mass (top-1 answers)', () => {
    const s = toSentiment([{ label: 'POSITIVE', score: 0.8 }], map, 'm', 'hf:m');
    expect(s.label).toBe('positive');
    expect(s.scores.negative).toBeCloseTo(0.1);
    expect(s.scores.neutral).toBeCloseTo(0.1);
  });
  it('normalises logits-like sums above 1', () => {
    const s = toSentiment([{ label: 'neg', score: 3 }, { label: 'pos', score: 1 }], map, 'm', 'hf:m');
    expect(s).toMatchObject({ label: 'negative', confidence: 0.75 });
  });
});

describe('retryDelayMs', () => {
  const p = DEFAULT_RETRY_POLICY;
  it('waits estimated_time, capped at 60 s', () => {
    expect(retryDelayMs({ kind: 'loading', status: 503, estimatedTimeSec: 12.5, detail: '' }, 1, p, () => 0)).toBe(12_500);
    expect(retryDelayMs({ kind: 'loading', status: 503, estimatedTimeSec: 900, detail: '' }, 1, p, () => 0)).toBe(60_000);
  });
  it('backs off exponentially with jitter within [step/2, step]', () => {
    const f = { kind: 'rate-limited', status: 429, detail: '' } as const;
    expect(retryDelayMs(f, 1, p, () => 0)).toBe(500);
    expect(retryDelayMs(f, 2, p, () => 1)).toBe(2000);
  });
  it('gives up at maxTries and on 4xx', () => {
    expect(retryDelayMs({ kind: 'rate-limited', status: 429, detail: '' }, 3, p, () => 0)).toBeUndefined();
    expect(retryDelayMs({ kind: 'client', status: 401, detail: '' }, 1, p, () => 0)).toBeUndefined();
  });
});

describe('without endpointUrl (serverless Inference Providers)', () => {
  it('looks the model up on the Hub once, then calls the hf-inference route, all through the injected fetch', async () => {
    const urls: string[] = [];
    const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    const fakeFetch: typeof fetch = (input) => {
      const url = String(input instanceof Request ? input.url : input);
      urls.push(url);
      if (url.startsWith('https://huggingface.co/api/models/')) {
        return Promise.resolve(json({ inferenceProviderMapping: { 'hf-inference': { providerId: 'org/model-a', status: 'live', task: 'text-classification' } } }));
      }
      return Promise.resolve(json([[{ label: 'positive', score: 1 }]]));
    };
    const c = createHfClassifier({ token: 'hf_x', model: 'org/model-a', batchSize: 1, logger: silentLogger(), fetch: fakeFetch });
    await c.classify(['good', 'fine']);
    expect(urls).toEqual([
      'https://huggingface.co/api/models/org/model-a?expand[]=inferenceProviderMapping',
      'https://router.huggingface.co/hf-inference/models/org/model-a',
      'https://router.huggingface.co/hf-inference/models/org/model-a',
    ]);
  });
});
