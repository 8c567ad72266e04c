import { pooledDispersion, PRIOR_DISPERSION_WEIGHT, type DispersionEvidence } from './count-model.js';

/** The two over-dispersion parameters of one brand's counts: var(Y) = θ·μ + φ·μ². */
export interface Dispersion {
  /** φ: day-to-day and hour-to-hour swings of the rate (dominates at large counts) */
  phi: number;
  /** θ ≥ 1: mentions arrive in clusters (threads, replies) of about this size (dominates at small counts) */
  theta: number;
}

/** θ rests on this many mentions' worth of prior (Σμ units) at θ = 1: a brand must show its clustering. */
export const PRIOR_CLUSTERING_WEIGHT = 50;
export const MAX_CLUSTERING = 5;
const ITERATIONS = 6;

/**
 * Fits every brand's φ and θ together by the method of moments on one-step-ahead errors: with r = (y − μ)² − μ summed
 * per brand (excess), E[Σr] = (θ − 1)·Σμ + φ·Σμ². φ is pooled over the brands (big brands measure it, where μ² wins) and
 * each brand's own φ is shrunk towards the pool; θ is what the brand's excess leaves unexplained, per mention, shrunk
 * towards 1. The two are solved by alternating a few times. Pure.
 */
export function fitDispersions(evidence: readonly DispersionEvidence[]): Dispersion[] {
  let theta = evidence.map(() => 1);
  let phi = evidence.map(() => 0);
  for (let i = 0; i < ITERATIONS; i++) {
    const adjusted = evidence.map((e, b) => ({ ...e, excess: e.excess - (theta[b]! - 1) * e.linear }));
    const pooled = pooledDispersion(adjusted);
    phi = adjusted.map((e) => pooledDispersion([e], pooled, PRIOR_DISPERSION_WEIGHT));
    theta = evidence.map((e, b) => Math.min(MAX_CLUSTERING, 1 + Math.max(0, e.excess - phi[b]! * e.weight) / (e.linear + PRIOR_CLUSTERING_WEIGHT)));
  }
  return evidence.map((_, b) => ({ phi: phi[b]!, theta: theta[b]! }));
}
