import { expectedIn, judgeWindow, type CountModel, type JudgeOptions } from './count-model.js';
import { quantile, type NegBin } from './negative-binomial.js';
import type { CountedMention } from './spike-verdict.js';
import { LEVEL_DRIFT_PER_DAY } from './forecast.js';
import jstat from 'jstat';

const { jStat } = jstat;

/** Structurally `alerts.forecast` plus the spike settings it projects onto. */
export interface SpikeForecastOptions {
  /** the spike rule's window: the alert level that is forecast is the one of this window */
  windowMinutes: number;
  /** how far ahead the rising path is followed */
  horizonMinutes: number;
  /** the current window must already be this unusual (a normal window reaches it with at most this probability) */
  risingPValue: number;
  /** the rise per half window (observed ÷ expected), at least: a flat excess is not a trend */
  minGrowth: number;
  /** the per-author cap of the spike rule, per half window */
  maxPerAuthor: number;
  /** the spike rule's alert level (minCount, pValue, ratio, history) */
  judge: JudgeOptions;
}

/** Coverage of the forecast band whose upper edge is compared with the alert level. */
export const FORECAST_COVERAGE = 0.8;
/** At most this rise per half window is projected: a count that doubles every half hour is already extreme. */
export const MAX_GROWTH = 2;
/**
 * The rise itself must be more than chance: of the mentions in the first and the last of the three half windows, the
 * last holds more than its expected share with at most this probability (binomial). "0, 2, 3" is noise; "1, 4, 9" is a rise.
 */
export const RISE_P_VALUE = 0.05;

/** P(X ≥ k) for X ~ Binomial(n, p): the regularized incomplete beta I_p(k, n − k + 1). */
function binomialTail(k: number, n: number, p: number): number {
  return k <= 0 ? 1 : k > n ? 0 : jStat.ibeta(p, k, n - k + 1);
}

export interface ForecastSlice {
  start: string;
  observed: number;
  expected: number;
}

export interface SpikeForecast {
  /** the upper path reaches the alert level within the horizon while the counts rise */
  predicted: boolean;
  /** the last three half windows, oldest first */
  slices: ForecastSlice[];
  /** observed ÷ expected, per half window, over the last three (geometric mean) */
  growth: number;
  /** P(a normal window has at least the current window's count) */
  pValue: number;
  /** the first window end at which the upper path reaches the alert level */
  at?: string;
  minutesAhead?: number;
  /** that window's expected count on the rising path, the 80 % upper bound, and its alert level */
  expected?: number;
  upper?: number;
  fireAt?: number;
}

/** Of the first and last half window's mentions, the last holds more than its expected share beyond chance (RISE_P_VALUE). */
export function riseBeyondChance(first: ForecastSlice, last: ForecastSlice): boolean {
  const shareLast = (last.expected + 1e-9) / (first.expected + last.expected + 2e-9);
  return binomialTail(last.observed, first.observed + last.observed, shareLast) <= RISE_P_VALUE;
}

function slices(mentions: readonly CountedMention[], now: number, sliceMs: number, cap: number, m: CountModel): ForecastSlice[] {
  return [3, 2, 1].map((k) => {
    const start = now - k * sliceMs;
    const per = new Map<string, number>();
    for (const x of mentions) if (x.t >= start && x.t < start + sliceMs) per.set(x.who, (per.get(x.who) ?? 0) + 1);
    let observed = 0;
    for (const c of per.values()) observed += Math.min(c, cap);
    return { start: new Date(start).toISOString(), observed, expected: expectedIn(m, start, start + sliceMs).mean };
  });
}

/**
 * Will this metric spike within the horizon if its rise goes on? The last three half windows give the ratio of observed
 * to expected counts and its growth per half window g (geometric mean of the two steps). When the current window is
 * already unusual (p ≤ risingPValue, at least minCount) but below the alert level, and the counts rise (g ≥ minGrowth,
 * the last half window at least the one before, and the last one's share of the first and last beyond chance), the ratio is projected forward, r_j = r_now · min(g, 2)^j, and each future window's upper
 * 80 % bound (observed part + θ·NB upper of the projected part, the spike model's spread widened by the level's drift)
 * is compared with that window's alert level. Pure; `now` is a parameter.
 */
export function forecastSpike(m: CountModel, mentions: readonly CountedMention[], now: number, o: SpikeForecastOptions): SpikeForecast {
  const sliceMs = (o.windowMinutes / 2) * 60_000;
  const s = slices(mentions, now, sliceMs, o.maxPerAuthor, m);
  const ratio = (x: ForecastSlice): number => (x.observed + 0.5) / (x.expected + 0.5);
  const [r1, r2, r3] = s.map(ratio) as [number, number, number];
  const growth = Math.sqrt(r3 / r1);
  const current = judgeWindow(m, s[1]!.observed + s[2]!.observed, now, o.windowMinutes, o.judge);
  const base: SpikeForecast = { predicted: false, slices: s, growth, pValue: current.pValue };
  if (!current.judged || current.fired || current.observed < o.judge.minCount || current.pValue > o.risingPValue || growth < o.minGrowth || r3 < r2) return base;
  if (!riseBeyondChance(s[0]!, s[2]!)) return base;
  const g = Math.min(growth, MAX_GROWTH);
  const theta = Math.max(1, m.clustering);
  const steps = Math.max(1, Math.floor(o.horizonMinutes / (o.windowMinutes / 2)));
  for (let k = 1; k <= steps; k++) {
    const end = now + k * sliceMs;
    // the window [end − W, end) is two half windows: the observed last one (k = 1), or two projected ones
    let observedPart = 0;
    let projected = 0;
    for (const j of [k - 1, k]) {
      if (j === 0) observedPart += s[2]!.observed;
      else projected += expectedIn(m, now + (j - 1) * sliceMs, now + j * sliceMs).mean * r3 * g ** j;
    }
    const phi = m.dispersion + 1 / (m.historyMentions + 1) + LEVEL_DRIFT_PER_DAY * ((k * sliceMs) / 86_400_000);
    const d: NegBin = { mean: Math.max(projected / theta, 1e-9), size: 1 / phi };
    const upper = observedPart + Math.round(theta * quantile(d, FORECAST_COVERAGE));
    const fireAt = judgeWindow(m, 0, end, o.windowMinutes, o.judge).fireAt;
    if (upper >= fireAt) {
      return { ...base, predicted: true, at: new Date(end).toISOString(), minutesAhead: Math.round((end - now) / 60_000), expected: Math.round(observedPart + projected), upper, fireAt };
    }
  }
  return base;
}
