import jstat from 'jstat';
import type { HourlyRollup } from '../domain/types.js';
import { HOUR_MS } from './rhythm.js';

/** Structurally the validated `alerts.sentimentShift` settings. */
export interface ShiftOptions {
  /** the judged window, hours (a day by default: a slow drift shows over a day, not in an hour) */
  windowHours: number;
  /** the window's negative share must exceed the baseline's by at least this much (0.1 = 10 points) */
  minRise: number;
  /** a normal window reaches the share with at most this probability */
  pValue: number;
  /** mentions in the window */
  minMentions: number;
}

export interface ShiftVerdict {
  window: { start: string; end: string };
  mentions: number;
  negative: number;
  /** negative share in the window */
  share: number;
  /** negative share of the baseline windows, pooled */
  baseline: number;
  /** the share a normal window stays under (baseline + z₀.₉₉·sd) */
  usualMax: number;
  /** the smallest share that fires (at least baseline + minRise) */
  fireAt: number;
  pValue: number;
  /** day-to-day swing of the share beyond chance (τ), from the baseline windows */
  swing: number;
  /** baseline windows (days) that had mentions */
  baselineWindows: number;
  baselineMentions: number;
  /** enough baseline to judge */
  judged: boolean;
  fired: boolean;
}

/** the share swings at least this much from day to day beyond chance: no two days are alike */
export const MIN_SWING = 0.03;
/** baseline windows with mentions, and mentions in them, before a shift is judged */
export const MIN_BASELINE_WINDOWS = 2;
export const MIN_BASELINE_MENTIONS = 100;

function sums(rollups: readonly HourlyRollup[], start: number, end: number, skip?: ReadonlySet<HourlyRollup>): { n: number; k: number } {
  let n = 0;
  let k = 0;
  for (const r of rollups) {
    const t = Date.parse(r.hour);
    if (t < start || t >= end || skip?.has(r)) continue;
    n += r.count;
    k += r.negative;
  }
  return { n, k };
}

/** an hour whose negatives are this unlikely at the usual share was a burst */
export const BURST_HOUR_P = 1e-3;

/**
 * The baseline hours (before `before`) that held a negative burst: k negatives of n in the hour are improbable
 * (binomial upper tail < BURST_HOUR_P, on n/θ trials) even at the pooled baseline share plus twice the swing floor.
 * A burst is an incident of its own; left in, it makes its day look like a swing and hides the next drift.
 */
export function burstHours(rollups: readonly HourlyRollup[], before: number, clustering: number): Set<HourlyRollup> {
  const base = rollups.filter((r) => Date.parse(r.hour) < before && r.count > 0);
  const n0 = base.reduce((a, r) => a + r.count, 0);
  const out = new Set<HourlyRollup>();
  if (n0 === 0) return out;
  const p = Math.min(0.99, base.reduce((a, r) => a + r.negative, 0) / n0 + 2 * MIN_SWING);
  for (const r of base) {
    const n = Math.round(r.count / clustering);
    const k = Math.round(r.negative / clustering);
    if (n < 5 || k <= n * p) continue;
    // P(X ≥ k) for X ~ Binomial(n, p) is the regularised incomplete beta I_p(k, n − k + 1)
    if (jstat.jStat.ibeta(p, k, n - k + 1) < BURST_HOUR_P) out.add(r);
  }
  return out;
}

/** a baseline window this far from the windows' median share (in sd) was an incident's day */
export const OUTLIER_Z = 3;

/**
 * The baseline windows without the incidents' days: a day that held a negative burst (or an earlier drift) is not a
 * usual day, and counted in it inflates the swing τ and the baseline share until no drift can reach the alert level.
 * A window is left out when its share is more than OUTLIER_Z sd from the median share of the windows, the sd being
 * its binomial spread (× clustering) plus twice the swing floor; at most a third of the windows (the farthest) go.
 */
export function usualWindows<T extends { n: number; k: number }>(windows: readonly T[], clustering: number): T[] {
  if (windows.length < 3) return [...windows];
  const shares = windows.map((d) => d.k / d.n).sort((a, b) => a - b);
  const mid = shares.length / 2;
  const median = shares.length % 2 ? shares[Math.floor(mid)]! : (shares[mid - 1]! + shares[mid]!) / 2;
  const z = (d: T): number => Math.abs(d.k / d.n - median) / Math.sqrt((clustering * median * (1 - median)) / d.n + (2 * MIN_SWING) ** 2);
  const far = windows.filter((d) => z(d) > OUTLIER_Z).sort((a, b) => z(b) - z(a)).slice(0, Math.floor(windows.length / 3));
  return windows.filter((d) => !far.includes(d));
}

/**
 * Has the brand's negative share risen? The share over the last `windowHours` (whole hours, the current one included)
 * (the hours that end after now − windowHours) against the pooled share of the earlier windows of the same length in the rollups. The spread of a normal window's
 * share is binomial, inflated by `clustering` (threads repeat their label), plus the day-to-day swing τ² measured
 * between the baseline windows (a moment estimate, at least MIN_SWING²), plus the baseline's own uncertainty:
 * z = (share − p₀) / √(θ·p₀(1 − p₀)/n + τ²·(1 + 1/J) + p₀(1 − p₀)/N₀). Normal approximation; see docs/FORMULAS.md. Pure.
 */
export function judgeShift(rollups: readonly HourlyRollup[], now: Date, clustering: number, o: ShiftOptions): ShiftVerdict {
  const w = o.windowHours * HOUR_MS;
  const end = Math.ceil(now.getTime() / HOUR_MS) * HOUR_MS;
  const start = end - w;
  const cur = sums(rollups, start, end);
  const first = Math.min(...rollups.map((r) => Date.parse(r.hour)));
  const skip = burstHours(rollups, start, Math.max(1, clustering));
  const all: { n: number; k: number }[] = [];
  for (let s = start - w; s >= first; s -= w) {
    const d = sums(rollups, s, s + w, skip);
    if (d.n > 0) all.push(d);
  }
  const days = usualWindows(all, Math.max(1, clustering));
  const N0 = days.reduce((a, d) => a + d.n, 0);
  const p0 = N0 > 0 ? days.reduce((a, d) => a + d.k, 0) / N0 : 0;
  const binom = p0 * (1 - p0);
  // τ²: what the windows' shares vary beyond their binomial spread (DerSimonian–Laird moment estimate)
  const q = days.reduce((a, d) => a + d.n * (d.k / d.n - p0) ** 2, 0);
  const sumSq = days.reduce((a, d) => a + d.n * d.n, 0);
  const denom = N0 - (N0 > 0 ? sumSq / N0 : 0);
  const tau2 = Math.max(MIN_SWING ** 2, denom > 0 ? (q - Math.max(0, days.length - 1) * binom * Math.max(1, clustering)) / denom : 0);
  const theta = Math.max(1, clustering);
  const sdAt = (n: number): number => Math.sqrt((theta * binom) / Math.max(1, n) + tau2 * (1 + 1 / Math.max(1, days.length)) + (N0 > 0 ? binom / N0 : 0));
  const sd = sdAt(cur.n);
  const share = cur.n > 0 ? cur.k / cur.n : 0;
  const z = sd > 0 ? (share - p0) / sd : 0;
  const pValue = 1 - jstat.jStat.normal.cdf(z, 0, 1);
  const zAlert = jstat.jStat.normal.inv(1 - o.pValue, 0, 1);
  const fireAt = Math.min(1, Math.max(p0 + o.minRise, p0 + zAlert * sd));
  const judged = days.length >= MIN_BASELINE_WINDOWS && N0 >= MIN_BASELINE_MENTIONS;
  return {
    window: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
    mentions: cur.n,
    negative: cur.k,
    share,
    baseline: p0,
    usualMax: Math.min(1, p0 + jstat.jStat.normal.inv(0.99, 0, 1) * sd),
    fireAt,
    pValue,
    swing: Math.sqrt(tau2),
    baselineWindows: days.length,
    baselineMentions: N0,
    judged,
    fired: judged && cur.n >= o.minMentions && share >= fireAt,
  };
}
