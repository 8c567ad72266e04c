import { InferenceClientProviderApiError, InferenceClientProviderOutputError } from '@huggingface/inference';
import { HfBadResponseError, HfError, HfHttpError, HfModelLoadingError, HfNetworkError, HfRateLimitedError } from './errors.js';
import { errorBodySchema } from './schema.js';

/**
 * Our own bounded retry around one Hugging Face call (the client is always called with retry_on_error: false,
 * because its own retry on 503 loops immediately and forever). p-retry is not used: it cannot wait a delay
 * chosen per error (estimated_time) and its timers cannot be injected for tests.
 */

export type HfFailure =
  | { kind: 'loading'; status: 503; estimatedTimeSec?: number; detail: string }
  | { kind: 'rate-limited'; status: 429; detail: string }
  | { kind: 'server'; status: number; detail: string }
  | { kind: 'client'; status: number; detail: string }
  | { kind: 'network'; detail: string }
  | { kind: 'bad-response'; detail: string };

export interface RetryPolicy {
  maxTries: number;
  /** cap on a 503 wait (estimated_time is in seconds) */
  maxLoadingWaitMs: number;
  /** first backoff for 429 / 5xx / network, doubled each try, with jitter */
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxTries: 3, maxLoadingWaitMs: 60_000, baseBackoffMs: 1_000, maxBackoffMs: 30_000 };

/** Reads what went wrong from whatever the client threw. */
export function describeFailure(err: unknown): HfFailure {
  if (err instanceof InferenceClientProviderApiError) {
    const status = err.httpResponse.status;
    const parsed = errorBodySchema.safeParse(err.httpResponse.body);
    const body = parsed.success ? parsed.data : {};
    const detail = [body.error, body.message, body.detail].flat().find((x) => typeof x === 'string') ?? err.message;
    if (status === 503) return { kind: 'loading', status, detail, ...(body.estimated_time !== undefined ? { estimatedTimeSec: body.estimated_time } : {}) };
    if (status === 429) return { kind: 'rate-limited', status, detail };
    if (status >= 500) return { kind: 'server', status, detail };
    return { kind: 'client', status, detail };
  }
  if (err instanceof InferenceClientProviderOutputError) return { kind: 'bad-response', detail: err.message };
  return { kind: 'network', detail: err instanceof Error ? err.message : String(err) };
}

/** Delay before the next try, or undefined when the failure must not be retried. `attempt` counts from 1. */
export function retryDelayMs(failure: HfFailure, attempt: number, policy: RetryPolicy, random: () => number): number | undefined {
  if (attempt >= policy.maxTries) return undefined;
  if (failure.kind === 'client' || failure.kind === 'bad-response') return undefined;
  if (failure.kind === 'loading' && failure.estimatedTimeSec !== undefined) {
    return Math.min(failure.estimatedTimeSec * 1000, policy.maxLoadingWaitMs);
  }
  const exp = Math.min(policy.baseBackoffMs * 2 ** (attempt - 1), policy.maxBackoffMs);
  return Math.round(exp / 2 + (exp / 2) * random()); // "equal jitter": never less than half the step
}

function finalError(model: string, failure: HfFailure, attempts: number, cause: unknown): HfError {
  switch (failure.kind) {
    case 'loading':
      return new HfModelLoadingError(model, attempts, failure.estimatedTimeSec, cause);
    case 'rate-limited':
      return new HfRateLimitedError(model, attempts, cause);
    case 'server':
    case 'client':
      return new HfHttpError(model, failure.status, attempts, failure.detail, cause);
    case 'bad-response':
      return new HfBadResponseError(model, failure.detail, cause);
    case 'network':
      return new HfNetworkError(model, attempts, cause);
  }
}

export interface RetryDeps {
  policy: RetryPolicy;
  /** may listen to `signal` to clear its timer; a wait is cut short on abort whether or not it does */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  /** stop early (another text of the batch already failed for good, or the caller gave up on the batch) */
  signal?: AbortSignal;
  onRetry?: (failure: HfFailure, attempt: number, delayMs: number) => void;
}

/** `sleep(ms)`, but resolves as soon as `signal` aborts. */
export function sleepUnlessAborted(sleep: RetryDeps['sleep'], ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return sleep(ms);
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const done = (): void => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    sleep(ms, signal).then(done, (err: unknown) => {
      signal.removeEventListener('abort', done);
      reject(err instanceof Error ? err : new Error(String(err)));
    });
  });
}

/** Tries `call` up to policy.maxTries times; once `deps.signal` aborts, neither a new try nor a further wait starts. */
export async function withHfRetry<T>(model: string, call: () => Promise<T>, deps: RetryDeps): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    deps.signal?.throwIfAborted();
    try {
      return await call();
    } catch (err) {
      if (err instanceof HfError) throw err;
      const failure = describeFailure(err);
      const delay = retryDelayMs(failure, attempt, deps.policy, deps.random);
      if (delay === undefined || deps.signal?.aborted) throw finalError(model, failure, attempt, err);
      deps.onRetry?.(failure, attempt, delay);
      await sleepUnlessAborted(deps.sleep, delay, deps.signal);
      if (deps.signal?.aborted) throw finalError(model, failure, attempt, err);
    }
  }
}
