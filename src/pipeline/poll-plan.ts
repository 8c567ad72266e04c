import type { SourceHealth } from '../store/store.js';

export const BACKOFF_BASE_MS = 5 * 60_000;
export const BACKOFF_CAP_MS = 6 * 60 * 60_000;
/** a source failing this many times in a row is disabled and a human is told */
export const DISABLE_AFTER_FAILURES = 11;
const JITTER = 0.1;

export function emptyHealth(sourceId: string): SourceHealth {
  return { sourceId, consecutiveFailures: 0, disabled: false, itemsSeen: 0 };
}

/** Due when enabled and its next poll time has come (or it was never polled). */
export function isDue(h: SourceHealth, now: Date): boolean {
  return !h.disabled && (!h.nextPollAt || Date.parse(h.nextPollAt) <= now.getTime());
}

/**
 * Health after a successful poll: failures reset, next poll after the source's current interval +/- 10 % jitter.
 * Adaptive when `minIntervalSeconds` is given: a poll that brought new items sets the interval to that floor (the
 * feed is active: its next item is likely soon), each quiet poll doubles it back up to `intervalSeconds`. At the floor
 * the jitter only shortens, so an active feed is never polled later than the floor.
 */
export function afterSuccess(h: SourceHealth, intervalSeconds: number, now: Date, newItems: number, rand: () => number, minIntervalSeconds?: number): SourceHealth {
  const floor = Math.min(minIntervalSeconds ?? intervalSeconds, intervalSeconds);
  const current = Math.min(intervalSeconds, Math.max(floor, h.pollIntervalSeconds ?? intervalSeconds));
  const next = newItems > 0 ? floor : Math.min(intervalSeconds, current * 2);
  const jitter = next === floor && floor < intervalSeconds ? 1 - rand() * JITTER : 1 + (rand() * 2 - 1) * JITTER;
  return {
    ...h,
    lastPollAt: now.toISOString(),
    lastSuccessAt: now.toISOString(),
    lastError: undefined,
    consecutiveFailures: 0,
    nextPollAt: new Date(now.getTime() + next * 1000 * jitter).toISOString(),
    ...(minIntervalSeconds === undefined ? {} : { pollIntervalSeconds: next }),
    itemsSeen: h.itemsSeen + newItems,
  };
}

/** Health after a failure: exponential backoff 5 min x 2^(n-1), capped, with jitter; disabled after 11 in a row. */
export function afterFailure(h: SourceHealth, error: string, now: Date, rand: () => number): SourceHealth {
  const failures = h.consecutiveFailures + 1;
  const backoff = Math.min(BACKOFF_BASE_MS * 2 ** (failures - 1), BACKOFF_CAP_MS) * (1 + rand() * JITTER);
  return {
    ...h,
    lastPollAt: now.toISOString(),
    lastError: error.slice(0, 500),
    consecutiveFailures: failures,
    disabled: failures >= DISABLE_AFTER_FAILURES,
    nextPollAt: new Date(now.getTime() + backoff).toISOString(),
  };
}
