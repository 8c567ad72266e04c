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
  /** stops the breaker's timers and abandons batches in flight */
  shutdown(): void;
}

/** The abort reason handed to the primary when the wrapper stops waiting for a batch. */
export class BatchAbandonedError extends Error {
  constructor(
    readonly classifier: string,
    readonly why: string,
  ) {
    super(`${classifier}: batch given up (${why}), its requests are aborted`);
    this.name = 'BatchAbandonedError';
  }
}

/** One fired batch: aborted when the wrapper gives up on it; also aborted by the caller's own signal. */
interface Batch {
  controller: AbortController;
  signal: AbortSignal;
  caller?: AbortSignal;
}

/**
 * Primary while healthy; after `failureThreshold` consecutive failed batches the circuit opens and the fallback
 * answers everything for `cooldownMs`; then one batch tries the primary (half-open) and success closes the circuit.
 * A failed batch is itself answered by the fallback, so no text is lost. Each Sentiment names the classifier that
 * produced it. Built on opossum: its percentage threshold is disabled (100 %) and the consecutive count is ours.
 *
 * A batch the wrapper gives up on (timeoutMs passed, or the circuit opened while it was in flight) is answered by the
 * fallback and its signal is aborted, so the primary stops its requests and retries instead of finishing them unseen.
 * A batch the caller aborts rejects with the caller's reason: no fallback, and it is no failure of the primary.
 */
export function createFailoverClassifier(primary: Classifier, fallback: Classifier, opts: FailoverOptions): FailoverClassifier {
  const threshold = Math.max(1, opts.failureThreshold);
  let consecutive = 0;
  const inFlight = new Set<Batch>();
  const giveUp = (batch: Batch | undefined, why: string): void => {
    if (batch && !batch.controller.signal.aborted) batch.controller.abort(new BatchAbandonedError(primary.name, why));
  };
  const breaker = new CircuitBreaker<[readonly string[], Batch], Sentiment[]>(
    async (texts, batch) => {
      const out = await primary.classify(texts, { signal: batch.signal }).catch(async (e: unknown) => {
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
    {
      name: primary.name,
      resetTimeout: opts.cooldownMs,
      errorThresholdPercentage: 100,
      timeout: opts.timeoutMs ?? false,
      // the caller gave up: not the primary's failure, and nobody waits for a fallback answer
      // (opossum calls it with the error, then the fire arguments)
      errorFilter: (...args: unknown[]) => (args[2] as Batch | undefined)?.caller?.aborted === true,
    },
  );

  const state = (): BreakerState => (breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed');
  const current = (): string => (breaker.opened ? fallback.name : primary.name);

  // a filtered error (caller abort) is also reported as 'success', with the error as the result
  breaker.on('success', (result: unknown) => {
    if (Array.isArray(result)) consecutive = 0;
  });
  breaker.on('failure', (err: unknown) => {
    if (err instanceof BatchAbandonedError) {
      opts.logger.info({ classifier: primary.name, reason: err.why }, 'Primary classifier batch given up, answered by fallback');
      return;
    }
    consecutive += 1;
    opts.logger.warn({ classifier: primary.name, consecutive, err }, 'Primary classifier failed, batch answered by fallback');
    if (breaker.closed && consecutive >= threshold) breaker.open();
  });
  // opossum calls the fallback on every give-up (timeout, failure, open circuit) with the fire arguments and the error
  breaker.fallback((texts: readonly string[], batch: Batch | undefined, err: unknown) => {
    giveUp(batch, err instanceof Error ? err.message : String(err));
    return fallback.classify(texts);
  });
  const report = (): void => {
    opts.logger.info({ state: state(), classifier: current() }, 'Classifier circuit changed state');
    opts.onStateChange?.(state(), current());
  };
  breaker.on('open', () => inFlight.forEach((b) => giveUp(b, 'circuit opened')));
  breaker.on('open', report);
  breaker.on('halfOpen', report);
  breaker.on('close', report);

  return {
    get name() {
      return current();
    },
    state,
    async classify(texts, options) {
      const caller = options?.signal;
      caller?.throwIfAborted();
      const controller = new AbortController();
      const batch: Batch = { controller, signal: caller ? AbortSignal.any([controller.signal, caller]) : controller.signal, caller };
      inFlight.add(batch);
      try {
        return await breaker.fire(texts, batch);
      } finally {
        inFlight.delete(batch);
      }
    },
    shutdown: () => {
      inFlight.forEach((b) => giveUp(b, 'shut down'));
      breaker.shutdown();
    },
  };
}
