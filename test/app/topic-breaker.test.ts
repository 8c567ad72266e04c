import { describe, expect, it } from 'vitest';
import { createTopicBreaker } from '../../src/app/topic-breaker.js';
import type { TopicTagger } from '../../src/classify/topics.js';

describe('zero-shot topic breaker', () => {
  it('GIVEN the endpoint keeps failing THEN it is skipped during the cool-down, and tried again after it', async () => {
    let t = 0;
    let remoteCalls = 0;
    let healthy = false;
    const keywords: TopicTagger = { tag: (texts) => Promise.resolve(texts.map(() => ['kw'])) };
    const tagger = createTopicBreaker(
      (fallback) => ({
        tag: (texts, topics) => {
          remoteCalls++;
          return healthy ? Promise.resolve(texts.map(() => ['zs'])) : fallback.tag(texts, topics);
        },
      }),
      keywords,
      { failureThreshold: 2, cooldownMs: 1000, now: () => t },
    );
    expect(await tagger.tag(['a'], {})).toEqual([['kw']]);
    expect(await tagger.tag(['a'], {})).toEqual([['kw']]);
    expect(tagger.isOpen()).toBe(true);
    for (let i = 0; i < 5; i++) await tagger.tag(['a'], {});
    expect(remoteCalls).toBe(2); // no requests while open
    t = 1500;
    healthy = true;
    expect(await tagger.tag(['a'], {})).toEqual([['zs']]);
    expect(remoteCalls).toBe(3);
    expect(tagger.isOpen()).toBe(false);
    // open again, then a failed trial after the cool-down reopens at once (one request, not failureThreshold)
    healthy = false;
    await tagger.tag(['a'], {});
    await tagger.tag(['a'], {});
    expect(tagger.isOpen()).toBe(true);
    t = 3000;
    await tagger.tag(['a'], {});
    expect(remoteCalls).toBe(6);
    expect(tagger.isOpen()).toBe(true);
  });
});
