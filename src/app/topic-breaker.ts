import type { TopicTagger } from '../classify/topics.js';

export interface TopicBreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
  now?: () => number;
}

/**
 * Zero-shot topics fall back to keywords per batch when the endpoint fails, but would still try the endpoint for every
 * batch of an outage. This wraps the pair: after `failureThreshold` consecutive fallbacks the endpoint is skipped for
 * `cooldownMs`, then tried again. `build(fallback)` receives the fallback to hand to the remote tagger.
 */
export function createTopicBreaker(build: (fallback: TopicTagger) => TopicTagger, keywords: TopicTagger, o: TopicBreakerOptions): TopicTagger & { isOpen(): boolean } {
  const now = o.now ?? Date.now;
  let consecutive = 0;
  let openUntil = 0;
  let fellBack = false;
  const remote = build({
    tag: (texts, topics) => {
      fellBack = true;
      return keywords.tag(texts, topics);
    },
  });
  return {
    isOpen: () => now() < openUntil,
    async tag(texts, topics) {
      if (now() < openUntil) return keywords.tag(texts, topics);
      // after a cool-down one batch is a trial (half-open): a single failure opens the breaker again
      const trial = openUntil > 0;
      fellBack = false;
      const out = await remote.tag(texts, topics);
      if (!fellBack) {
        consecutive = 0;
        openUntil = 0;
      } else if (trial || ++consecutive >= o.failureThreshold) {
        openUntil = now() + o.cooldownMs;
        consecutive = 0;
      }
      return out;
    },
  };
}
