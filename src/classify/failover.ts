import CircuitBreaker from 'opossum';
import type { Sentiment } from '../domain/types.js';
import type { Logger } from '../shared/logger.js';
import { PartialClassificationError, type Classifier } from './classifier.js';
import { ClassifierResultCountError } from './routing.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface FailoverOptions {
  /** consecutive failed batches of the primary before switching to the fallback */
  failureThreshold: number;
  /** time on the fallback before one batch tries the primary again */
  cooldownMs: number;
  logger: Logger;
  onStateChange?: (state: BreakerState, classifier: string) => void;
  /** give up on a primary batch after this long (it then counts as failed); default: no limit of our own */
  timeoutMs?: number;
}

export interface FailoverClassifier extends Classifier {
  state(): BreakerState;
  /** stops the breaker's timers */
  shutdown(): void;
}

/**
 * Primary while healthy; after `failureThreshold` consecutive failed batches the circuit opens and the fallback
 * answers everything for `cooldownMs`; then one batch tries the primary (half-open) and success closes the circuit.
 * A failed batch is itself answered by the fallback, so no text is lost. Each Sentiment names the classifier that
 * produced it. Built on opossum: its percentage threshold is disabled (100 %) and the consecutive count is ours.
 */
export function createFailoverClassifier(primary: Classifier, fallback: Classifier, opts: FailoverOptions): FailoverClassifier {
  const threshold = Math.max(1, opts.failureThreshold);
  let consecutive = 0;
  const breaker = new CircuitBreaker<[readonly string[]], Sentiment[]>(
    async (texts) => {
      const out = await primary.classify(texts).catch(async (e: unknown) => {
        // some texts refused for good: the fallback answers those, the batch keeps the rest, and it is no failure
        if (!(e instanceof PartialClassificationError) || e.results.length !== texts.length) throw e;
        const missing = e.results.flatMap((r, i) => (r === undefined ? [i] : []));
        opts.logger.warn({ classifier: primary.name, refused: missing.length, reason: e.reason }, 'Texts refused by the primary classifier, answered by the fallback');
        const filled = await fallback.classify(missing.map((i) => texts[i] ?? ''));
        return e.results.map((r, i) => r ?? filled[missing.indexOf(i)]) as Sentiment[];
      });
      if (out.length !== texts.length) throw new ClassifierResultCountError(primary.name, texts.length, out.length);
      return out;
    },
    { name: primary.name, resetTimeout: opts.cooldownMs, errorThresholdPercentage: 100, timeout: opts.timeoutMs ?? false },
  );

  const state = (): BreakerState => (breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed');
  const current = (): string => (breaker.opened ? fallback.name : primary.name);

  breaker.on('success', () => (consecutive = 0));
  breaker.on('failure', (err: unknown) => {
    consecutive += 1;
    opts.logger.warn({ classifier: primary.name, consecutive, err }, 'Primary classifier failed, batch answered by fallback');
    if (breaker.closed && consecutive >= threshold) breaker.open();
  });
  breaker.fallback((texts: readonly string[]) => fallback.classify(texts));
  const report = (): void => {
    opts.logger.info({ state: state(), classifier: current() }, 'Classifier circuit changed state');
    opts.onStateChange?.(state(), current());
  };
  breaker.on('open', report);
  breaker.on('halfOpen', report);
  breaker.on('close', report);

  return {
    get name() {
      return current();
    },
    state,
    classify: (texts) => breaker.fire(texts),
    shutdown: () => breaker.shutdown(),
  };
}
