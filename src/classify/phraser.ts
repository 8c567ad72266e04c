import type { SummaryFacts } from '../domain/types.js';

/**
 * A language model that puts a summary's facts into a few plain sentences. It only phrases: the facts (figures,
 * themes, the quoted mention) are computed by the bot, and the bot checks its text before posting it.
 */
export interface Phraser {
  /** e.g. `hf:HuggingFaceTB/SmolLM3-3B`: named in the message's details */
  readonly name: string;
  phrase(facts: SummaryFacts, signal?: AbortSignal): Promise<string>;
}

export interface PhraserBreakerOptions {
  /** consecutive failures before the model is skipped */
  failureThreshold: number;
  /** how long it is skipped; then one call tries it again (a failure skips it again at once) */
  cooldownMs: number;
  /** one call's limit: a summary is not worth holding an alert for longer */
  timeoutMs: number;
  now?: () => number;
  onStateChange?: (state: 'open' | 'closed', phraser: string) => void;
}

export interface GuardedPhraser {
  readonly name: string;
  isOpen(): boolean;
  /** the model's text; or why not: it failed or timed out, or it is skipped while the circuit is open (the caller keeps its own text) */
  phrase(facts: SummaryFacts): Promise<{ text: string } | { failed: string } | { skipped: true }>;
}

/**
 * A phraser behind a circuit breaker and a timeout: an outage of the model costs each message at most `timeoutMs`
 * until `failureThreshold` calls in a row have failed, and nothing while the circuit is open.
 */
export function guardPhraser(inner: Phraser, o: PhraserBreakerOptions): GuardedPhraser {
  const now = o.now ?? Date.now;
  let consecutive = 0;
  let openUntil = 0;
  return {
    name: inner.name,
    isOpen: () => now() < openUntil,
    async phrase(facts) {
      if (now() < openUntil) return { skipped: true };
      const trial = openUntil > 0;
      // a plain timer (not AbortSignal.timeout), so tests drive it with fake timers
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new Error(`no answer within ${o.timeoutMs} ms`)), o.timeoutMs);
      try {
        const text = await inner.phrase(facts, controller.signal);
        if (trial) o.onStateChange?.('closed', inner.name);
        consecutive = 0;
        openUntil = 0;
        return { text };
      } catch (err) {
        if (trial || ++consecutive >= o.failureThreshold) {
          if (!trial) o.onStateChange?.('open', inner.name);
          openUntil = now() + o.cooldownMs;
          consecutive = 0;
        }
        return { failed: err instanceof Error ? err.message : String(err) };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
