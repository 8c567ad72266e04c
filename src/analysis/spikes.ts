import { DateTime } from 'luxon';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { HourlyRollup } from '../domain/types.js';
import { InvalidAnalysisOptionsError } from './errors.js';
import type { SpikeOptions } from './options.js';

export type SpikeMetric = 'count' | 'negative';
export type SpikeMethod = 'seasonal' | 'seasonal+weekday' | 'poisson' | 'insufficient-history';

export interface SpikeResult {
  fired: boolean;
  metric: SpikeMetric;
  window: { start: string; end: string };
  observed: number;
  /** expected count in the window (baseline mean) */
  expected: number;
  /** sample standard deviation of the baseline samples (0 for the Poisson fallback) */
  std: number;
  /** spread used for z: max(std, sqrt(expected + 1)) — counts are never less variable than Poisson */
  sigma: number;
  z: number;
  /** observed / max(expected, 1) */
  ratio: number;
  /** same-hour samples used (one per past day with history) */
  daysOfHistory: number;
  /** of which on the same weekday */
  weekdaySamples: number;
  method: SpikeMethod;
}

export interface SpikeInput {
  rollups: readonly HourlyRollup[];
  now: Date;
  metric: SpikeMetric;
  options: SpikeOptions;
  /** when the brand's history begins; default: the earliest rollup hour */
  historyStart?: string;
  /**
   * IANA zone whose wall clock defines "the same time on a past day" (default UTC). In a zone with daylight saving,
   * the days before a clock change are compared at the same local time, not the same UTC time.
   */
  timeZone?: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** fewer same-hour samples than this: Poisson fallback over the all-hours rate */
export const MIN_SEASONAL_DAYS = 3;
/** same-weekday samples needed before blending them in */
export const MIN_WEEKDAY_SAMPLES = 2;
/** weight of the same-weekday mean/variance in the blend */
export const WEEKDAY_BLEND = 0.5;
/** history shorter than this before the window: never fire */
export const MIN_HISTORY_HOURS = 24;

function indexRollups(rollups: readonly HourlyRollup[], metric: SpikeMetric): Map<number, number> {
  const idx = new Map<number, number>();
  for (const r of rollups) {
    const t = Date.parse(r.hour);
    if (Number.isNaN(t)) continue;
    const h = Math.floor(t / HOUR_MS) * HOUR_MS;
    idx.set(h, (idx.get(h) ?? 0) + (metric === 'count' ? r.count : r.negative));
  }
  return idx;
}

/**
 * Count in [start, end) from hourly buckets, each bucket weighted by the share of its span that falls in
 * the window (uniform within the hour). A bucket's span ends at dataEnd when the hour is still running.
 */
export function windowCount(idx: Map<number, number>, start: number, end: number, dataEnd: number): number {
  let sum = 0;
  for (let h = Math.floor(start / HOUR_MS) * HOUR_MS; h < end; h += HOUR_MS) {
    const v = idx.get(h);
    if (!v) continue;
    const spanEnd = Math.min(h + HOUR_MS, dataEnd);
    if (spanEnd <= h) continue;
    const overlap = Math.min(end, spanEnd) - Math.max(start, h);
    if (overlap > 0) sum += (v * overlap) / (spanEnd - h);
  }
  return sum;
}

function variance(xs: number[]): number {
  return xs.length >= 2 ? sampleStandardDeviation(xs) ** 2 : 0;
}

/** Start of the same wall-clock window `days` days before `start` in `zone` (plain 24 h steps in UTC). */
function sameTimeDaysBefore(start: number, days: number, zone: string): number {
  if (zone === 'UTC') return start - days * DAY_MS;
  const local = DateTime.fromMillis(start, { zone });
  if (!local.isValid) throw new InvalidAnalysisOptionsError('timeZone', zone);
  return local.minus({ days }).toMillis();
}

function validate(o: SpikeOptions): void {
  if (!(o.windowMinutes > 0)) throw new InvalidAnalysisOptionsError('windowMinutes', o.windowMinutes);
  if (!(o.baselineDays >= 1)) throw new InvalidAnalysisOptionsError('baselineDays', o.baselineDays);
}

/**
 * Detects a spike of mention volume (metric 'count') or negative volume in the last windowMinutes against
 * the same window on each of the past baselineDays days (blended with the same weekday when there are enough).
 * Fires when observed >= minCount AND z >= zThreshold AND ratio >= ratioThreshold.
 */
export function detectSpike(input: SpikeInput): SpikeResult {
  const { options, metric } = input;
  validate(options);
  const idx = indexRollups(input.rollups, metric);
  const end = input.now.getTime();
  const start = end - options.windowMinutes * 60_000;
  const observed = windowCount(idx, start, end, end);
  const firstHour = input.historyStart !== undefined ? Date.parse(input.historyStart) : Math.min(...idx.keys());
  const historyStart = Number.isFinite(firstHour) ? Math.floor(firstHour / HOUR_MS) * HOUR_MS : end;

  const all: number[] = [];
  const weekday: number[] = [];
  const zone = input.timeZone ?? 'UTC';
  for (let d = 1; d <= options.baselineDays; d++) {
    const s = sameTimeDaysBefore(start, d, zone);
    if (s < historyStart) break;
    const v = windowCount(idx, s, s + (end - start), end);
    all.push(v);
    if (d % 7 === 0) weekday.push(v);
  }

  let method: SpikeMethod;
  let expected: number;
  let std: number;
  if (all.length >= MIN_SEASONAL_DAYS) {
    expected = mean(all);
    let v = variance(all);
    method = 'seasonal';
    if (weekday.length >= MIN_WEEKDAY_SAMPLES) {
      expected = (1 - WEEKDAY_BLEND) * expected + WEEKDAY_BLEND * mean(weekday);
      v = (1 - WEEKDAY_BLEND) * v + WEEKDAY_BLEND * variance(weekday);
      method = 'seasonal+weekday';
    }
    std = Math.sqrt(v);
  } else {
    const historyHours = (start - historyStart) / HOUR_MS;
    std = 0;
    if (historyHours < MIN_HISTORY_HOURS) {
      method = 'insufficient-history';
      expected = 0;
    } else {
      method = 'poisson';
      expected = (windowCount(idx, historyStart, start, end) / historyHours) * (options.windowMinutes / 60);
    }
  }

  const sigma = Math.max(std, Math.sqrt(expected + 1));
  const z = (observed - expected) / sigma;
  const ratio = observed / Math.max(expected, 1);
  const fired =
    method !== 'insufficient-history' && observed >= options.minCount && z >= options.zThreshold && ratio >= options.ratioThreshold;
  return {
    fired,
    metric,
    window: { start: new Date(start).toISOString(), end: input.now.toISOString() },
    observed,
    expected,
    std,
    sigma,
    z,
    ratio,
    daysOfHistory: all.length,
    weekdaySamples: weekday.length,
    method,
  };
}
