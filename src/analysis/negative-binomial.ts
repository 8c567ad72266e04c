import jstat from 'jstat';

const { jStat } = jstat;

/**
 * The negative binomial distribution of counts with mean `mean` and size `size` (variance mean + mean²/size), the
 * Poisson's over-dispersed sibling. Tails come from jstat's regularized incomplete beta function, which stays exact
 * far into the tail (a 1 − cdf subtraction would round to 0 at the p-values alerts use).
 */
export interface NegBin {
  mean: number;
  /** r > 0; Infinity is the Poisson limit */
  size: number;
}

/** Sizes above this are treated as the Poisson limit (the difference is below any alert threshold). */
const POISSON_SIZE = 1e7;

/** P(Y ≥ y). */
export function upperTail(d: NegBin, y: number): number {
  if (y <= 0) return 1;
  const k = Math.ceil(y);
  if (!(d.mean > 0)) return 0;
  const size = Math.min(d.size, POISSON_SIZE);
  // Y ~ NB(r, p = r/(r+μ)), failures before the r-th success: P(Y ≥ k) = I_{1−p}(k, r)
  return jStat.ibeta(d.mean / (size + d.mean), k, size);
}

/** The smallest count y with P(Y ≥ y) ≤ alpha: a count at or above it is that unusual. */
export function countAtTail(d: NegBin, alpha: number): number {
  if (!(d.mean > 0)) return 1;
  // exponential then binary search over integers: the tail is monotone in y
  let lo = 0;
  let hi = Math.max(1, Math.ceil(d.mean));
  while (upperTail(d, hi) > alpha) {
    lo = hi;
    hi *= 2;
    if (hi > 1e9) return hi;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (upperTail(d, mid) > alpha) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The q-quantile: the smallest y with P(Y ≤ y) ≥ q ("at most y on a normal day" for q = 0.99). */
export function quantile(d: NegBin, q: number): number {
  return countAtTail(d, 1 - q) - 1;
}
