import { pooledDispersion, PRIOR_DISPERSION_WEIGHT, type DispersionEvidence } from './count-model.js';

/** The two over-dispersion parameters of one brand's counts: var(Y) = θ·μ + φ·μ². */
export interface Dispersion {
  /** φ: day-to-day and hour-to-hour swings of the rate (dominates at large counts) */
  phi: number;
  /** θ ≥ 1: mentions arrive in clusters (threads, replies) of about this size (dominates at small counts) */
  theta: number;
}

/** the pooled θ rests on this many mentions' worth of prior (Σμ units) at θ = 1 */
export const PRIOR_CLUSTERING_WEIGHT = 50;
/**
 * each brand's θ is shrunk towards the pooled θ with this weight (Σμ units): clustering is mostly a property of the
 * platform (how threads form), and a small brand's own estimate is easily inflated by a past burst the anomaly filter
 * did not catch whole
 */
export const BRAND_CLUSTERING_WEIGHT = 1_000;
export const MAX_CLUSTERING = 5;
const ITERATIONS = 6;

/**
 * Fits every brand's φ and θ together by the method of moments on one-step-ahead errors: with r = (y − μ)² − μ summed
 * per brand (excess), E[Σr] = (θ − 1)·Σμ + φ·Σμ². φ is pooled over the brands (big brands measure it, where μ² wins) and
 * each brand's own φ is shrunk towards the pool; θ is what the excess leaves unexplained, per mention: pooled over the
 * brands (shrunk towards 1), and each brand's shrunk towards the pooled one. The two are solved by alternating a few times. Pure.
 */
export function fitDispersions(evidence: readonly DispersionEvidence[]): Dispersion[] {
  let theta = evidence.map(() => 1);
  let phi = evidence.map(() => 0);
  for (let i = 0; i < ITERATIONS; i++) {
    const adjusted = evidence.map((e, b) => ({ ...e, excess: e.excess - (theta[b]! - 1) * e.linear }));
    const pooled = pooledDispersion(adjusted);
    phi = adjusted.map((e) => pooledDispersion([e], pooled, PRIOR_DISPERSION_WEIGHT));
    const residual = evidence.map((e, b) => Math.max(0, e.excess - phi[b]! * e.weight));
    const pooledTheta = 1 + residual.reduce((s, r) => s + r, 0) / (evidence.reduce((s, e) => s + e.linear, 0) + PRIOR_CLUSTERING_WEIGHT);
    theta = evidence.map((e, b) => Math.min(MAX_CLUSTERING, 1 + (residual[b]! + (pooledTheta - 1) * BRAND_CLUSTERING_WEIGHT) / (e.linear + BRAND_CLUSTERING_WEIGHT)));
  }
  return evidence.map((_, b) => ({ phi: phi[b]!, theta: theta[b]! }));
}
