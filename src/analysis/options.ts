/**
 * Option shapes the analysis core accepts. They are structurally compatible with the validated
 * config (settings.reputation, alerts.spike, alerts.trending) without importing config/.
 */

export interface OriWeights {
  sentiment: number;
  engagement: number;
  volume: number;
}

export interface OriOptions {
  /** recency half-life of a mention's weight, hours (> 0) */
  halfLifeHours: number;
  /** mentions older than this are ignored, days (> 0) */
  windowDays: number;
  weights: OriWeights;
}

export interface TrendOptions {
  minCount: number;
  minScore: number;
  /** share of the brand's mentions over the share in the background (other brands); used when a background is given */
  minLift?: number;
}
