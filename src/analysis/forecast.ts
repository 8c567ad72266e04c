import { expectedIn, type CountModel } from './count-model.js';
import type { BrandModels } from './brand-models.js';
import { quantile, type NegBin } from './negative-binomial.js';
import { HOUR_MS } from './rhythm.js';

/** One metric's forecast for one hour: the expected count and its prediction interval. */
export interface ForecastRange {
  expected: number;
  lower: number;
  upper: number;
}

export interface ForecastPoint {
  /** ISO start of the hour */
  start: string;
  mentions: ForecastRange;
  negative: ForecastRange;
}

export interface BrandForecast {
  brand: string;
  /** the moment the forecast is made as of (the stored data up to it) */
  generatedAt: string;
  points: ForecastPoint[];
}

export interface ForecastOptions {
  /** hours ahead, starting at the hour after `at` (or at `at` when it is on the hour) */
  hours: number;
  /** central coverage of the interval (0.8: from the 10th to the 90th percentile) */
  coverage: number;
}

/**
 * The level drifts while the forecast looks ahead: dispersion added per day of horizon (var of the rate grows by
 * this × μ² each day), measured on the forecast benchmark (`npm run bench -- forecast`).
 */
export const LEVEL_DRIFT_PER_DAY = 0.02;

function range(m: CountModel, start: number, ahead: number, coverage: number): ForecastRange {
  const { mean, rhythmDispersion } = expectedIn(m, start, start + HOUR_MS);
  // the spike model's spread of one hour, plus the level's drift over the horizon
  return interval(mean, m.clustering, m.dispersion + rhythmDispersion + 1 / (m.historyMentions + 1) + LEVEL_DRIFT_PER_DAY * (ahead / 24), coverage);
}

/** The central `coverage` interval of θ·NB(μ/θ, 1/φ), in whole mentions, and μ to one decimal. */
function interval(mean: number, clustering: number, phi: number, coverage: number): ForecastRange {
  const theta = Math.max(1, clustering);
  const d: NegBin = { mean: Math.max(mean / theta, 1e-9), size: 1 / phi };
  const tail = (1 - coverage) / 2;
  return {
    expected: Math.round(mean * 10) / 10,
    lower: mean > 0 ? Math.max(0, Math.round(theta * quantile(d, tail))) : 0,
    upper: mean > 0 ? Math.round(theta * quantile(d, 1 - tail)) : 0,
  };
}

/**
 * The total of a longer span (a day): expected = Σ hourly means; the spread is that of a long window (φ_long: within a
 * day the hours swing together, so a day's total is not 24 independent hours), widened by the level's drift to the
 * span's middle. For the digest's "tomorrow" band.
 */
export function forecastSpan(m: CountModel, start: number, end: number, from: number, coverage: number): ForecastRange {
  const { mean, rhythmDispersion } = expectedIn(m, start, end);
  const aheadHours = Math.max(0, (start + end) / 2 - from) / HOUR_MS;
  return interval(mean, m.clustering, m.dispersionLong + rhythmDispersion + 1 / (m.historyMentions + 1) + LEVEL_DRIFT_PER_DAY * (aheadHours / 24), coverage);
}

/**
 * Hourly mentions and negative mentions for the next `hours`, from the brand's count models (level × hour-of-week
 * rhythm, over-dispersed negative binomial intervals, widened with the horizon). Pure: time comes from `at`.
 */
export function forecastBrand(models: BrandModels, at: Date, o: ForecastOptions): ForecastPoint[] {
  const first = Math.ceil(at.getTime() / HOUR_MS) * HOUR_MS;
  return Array.from({ length: o.hours }, (_, i) => {
    const start = first + i * HOUR_MS;
    return { start: new Date(start).toISOString(), mentions: range(models.count, start, i + 1, o.coverage), negative: range(models.negative, start, i + 1, o.coverage) };
  });
}
