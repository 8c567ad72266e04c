/** Reddit's rate-limit headers, read leniently (numbers may come as "0.0", arrays or be absent). */
type Headers = Record<string, unknown> | undefined;

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' || typeof v === 'number' ? Number.parseFloat(String(v)) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** ms until the window resets when x-ratelimit-remaining says it is exhausted; undefined otherwise */
export function exhaustedWindowMs(headers: Headers): number | undefined {
  const remaining = num(headers?.['x-ratelimit-remaining']);
  const reset = num(headers?.['x-ratelimit-reset']);
  return remaining !== undefined && remaining < 1 && reset !== undefined ? reset * 1000 : undefined;
}

/** How long a 429 asks us to wait: retry-after, else the rate window's reset; undefined when it says neither. */
export function requestedWaitMs(headers: Headers): number | undefined {
  const retryAfter = num(headers?.['retry-after']);
  const reset = num(headers?.['x-ratelimit-reset']);
  return retryAfter !== undefined ? retryAfter * 1000 : reset !== undefined ? reset * 1000 : undefined;
}
