/**
 * Time as the code that waits sees it. Components that wait or compare against "now" (the Reddit request budget and
 * client, the Hugging Face retry) take a Clock, so the composition root passes `systemClock` and tests pass a fake
 * one that jumps instead of sleeping.
 */
export interface Clock {
  /** epoch ms */
  now(): number;
  /** call `fn` once after `ms`; the returned function cancels it (a no-op once it ran) */
  setTimer(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

/** Resolves after `ms` on `clock`; rejects with the signal's reason as soon as `signal` aborts (the timer is cancelled). */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      cancel();
      reject(signal?.reason);
    };
    const cancel = clock.setTimer(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
