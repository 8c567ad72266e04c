import { countAtTail, quantile, upperTail, type NegBin } from './negative-binomial.js';
import { HOUR_MS, HOUR_PRIOR_MENTIONS, factorAt, localSlot, type HourSeries, type Rhythm } from './rhythm.js';

/**
 * What a normal window looks like for one brand and one metric (all mentions, or negative ones):
 * expected = level × rhythm factor, spread = negative binomial with an over-dispersion learnt from the brand's own
 * one-step-ahead errors (pooled with the other brands, then a prior, where the brand has little history). Pure; see
 * docs/FORMULAS.md ("Spikes").
 */
export interface CountModel {
  /** mentions per hour at rhythm factor 1 */
  level: number;
  /** φ of var = θ·μ + φ·μ², from the history (before the rhythm and level uncertainty are added) */
  dispersion: number;
  /**
   * φ of windows LONG_BLOCK_FACTOR times as long, from blocks that long: an hour's own swings average out over three,
   * and only the day-level ones stay, so a long window is judged on the spread long windows really have
   */
  dispersionLong: number;
  /** windows at least this long are judged with dispersionLong */
  longWindowMinutes: number;
  /**
   * θ ≥ 1 of var = θ·μ + φ·μ²: how clustered mentions arrive (a conversation of ten replies is one event, not ten).
   * Counts are judged as θ-sized clusters: P(Y ≥ y) ≈ P(NB(μ/θ, 1/φ) ≥ y/θ).
   */
  clustering: number;
  /** decayed mentions in the history: how much the level rests on */
  historyMentions: number;
  rhythm: Rhythm;
  zone: string;
  /** the level was scaled by the industry's factor (analysis/industry.ts): the other brands were this much busier */
  industry?: number;
}

/** One-step-ahead error sums of a history, for pooling dispersion across brands. */
export interface DispersionEvidence {
  /** Σ ((y − μ)² − μ) over the blocks kept */
  excess: number;
  /** Σ μ² */
  weight: number;
  /** Σ μ */
  linear: number;
  blocks: number;
}

export interface CountModelOptions {
  /** length of the judged window, minutes */
  windowMinutes: number;
  /** half-life of the weights of past hours in the level, days */
  levelHalfLifeDays: number;
}

/** prior dispersion of hourly counts (CV of the rate ≈ 0.3) and its weight in Σμ² units */
export const PRIOR_DISPERSION = 0.1;
export const PRIOR_DISPERSION_WEIGHT = 2_000;
/** no dispersion below this: no two days are the same */
export const MIN_DISPERSION = 0.02;
/** extra dispersion of an hour whose rhythm factor is not known at all (flat guess); shrinks with its support */
export const UNKNOWN_RHYTHM_DISPERSION = 1;
/** decayed mentions before one-step forecasts are trusted for the dispersion */
const WARMUP_MENTIONS = 10;
const WARMUP_MS = 24 * HOUR_MS;
/** anomalous hours in a row after which the level follows them: a lasting change is the new normal, not an incident */
export const LEVEL_SHIFT_HOURS = 24;

/** Long-window dispersion comes from blocks this many times the window (spike-verdict judges a window 3× as long). */
export const LONG_BLOCK_FACTOR = 3;

/** Blocks of whole hours as long as the window (at least one hour). */
export function blockHours(windowMinutes: number): number {
  return Math.max(1, Math.round(windowMinutes / 60));
}

/** A count this far above its forecast (in standard deviations at the prior dispersion) is an anomaly, not normal traffic. */
export const ANOMALY_Z = 4;

/** blocks this close to an anomalous hour are left out of the dispersion too */
export const ANOMALY_MARGIN_HOURS = 3;

/** The largest count still taken as normal for a forecast `mu`: μ + 4·√(μ + φ₀μ²) + 3. */
export function normalCap(mu: number): number {
  return mu + ANOMALY_Z * Math.sqrt(mu + PRIOR_DISPERSION * mu * mu) + 3;
}

export interface LevelFit {
  /** mentions per hour at rhythm factor 1 */
  level: number;
  /** decayed mentions the level rests on */
  historyMentions: number;
  evidence: DispersionEvidence;
  /** the same from blocks LONG_BLOCK_FACTOR times as long */
  evidenceLong: DispersionEvidence;
  /** the series with anomalous hours capped at their normal maximum: what a rhythm should be learnt from */
  cleaned: HourSeries;
}

/**
 * Level (exponentially weighted: recent hours count more) and one-step-ahead errors over the history. Each hour is
 * forecast from the hours before it, then added; an hour above its normal maximum (a burst) is added as its forecast
 * (for up to a day in a row), so a past incident moves neither the level nor the rhythm, and its errors are left out of the dispersion
 * (anomalies do not define normal). Errors count once the level rests on a day of history (earlier ones measure the
 * warm-up, not the brand).
 */
export function fitLevel(series: HourSeries, rhythm: Rhythm, zone: string, o: CountModelOptions): LevelFit {
  const decay = 2 ** (-1 / (o.levelHalfLifeDays * 24));
  const blocks = [new BlockErrors(blockHours(o.windowMinutes)), new BlockErrors(blockHours(o.windowMinutes) * LONG_BLOCK_FACTOR)] as const;
  let sy = 0;
  let sf = 0;
  const anomalies: number[] = [];
  const cleaned = new Map<number, number>();
  let run = 0;
  for (let t = series.start; t < series.end; t += HOUR_MS) {
    const f = factorAt(rhythm, t, zone);
    const y = series.counts.get(t) ?? 0;
    const warm = sy >= WARMUP_MENTIONS;
    const level = sf > 0 ? sy / sf : 0;
    // an anomalous hour counts as its forecast (as if missing), unless the anomaly has lasted a day: then it is the new normal
    const isAnomaly = warm && y > normalCap(level * f);
    run = isAnomaly ? run + 1 : 0;
    const capped = isAnomaly && run <= LEVEL_SHIFT_HOURS ? level * f : y;
    if (isAnomaly) anomalies.push(t);
    if (capped > 0) cleaned.set(t, capped);
    const trusted = warm && t - series.start >= WARMUP_MS ? level : -1;
    for (const b of blocks) b.add(t, y, f, trusted, isAnomaly);
    sy = sy * decay + capped;
    sf = sf * decay + f;
  }
  // a burst's ramp and tail sit just under the anomaly line: blocks near an anomalous hour are no evidence of normal spread
  const near = (e: BlockError, at: readonly number[]): boolean => at.some((a) => a >= e.t - ANOMALY_MARGIN_HOURS * HOUR_MS && a < e.t + (e.hours + ANOMALY_MARGIN_HOURS) * HOUR_MS);
  const kept = (b: BlockErrors): BlockError[] => {
    const at = [...anomalies, ...b.anomalies];
    return at.length ? b.errors.filter((e) => !near(e, at)) : b.errors;
  };
  return {
    level: sf > 0 ? sy / sf : 0,
    historyMentions: sy,
    evidence: robustEvidence(kept(blocks[0])),
    evidenceLong: robustEvidence(kept(blocks[1])),
    cleaned: { counts: cleaned, start: series.start, end: series.end },
  };
}

interface BlockError {
  y: number;
  mu: number;
  /** block start */
  t: number;
  hours: number;
}

/** One-step-ahead errors of consecutive blocks of `hours` hours, each forecast from the level at its start. */
class BlockErrors {
  readonly errors: BlockError[] = [];
  /** hours of blocks whose sum is anomalous though no hour of them is */
  readonly anomalies: number[] = [];
  private y = 0;
  private f = 0;
  private len = 0;
  private level = -1;
  private anomalous = false;
  constructor(private readonly hours: number) {}

  /** `level`: the level before hour t, or −1 while it is not trusted yet */
  add(t: number, y: number, f: number, level: number, anomaly: boolean): void {
    if (this.len === 0) {
      this.level = level;
      this.anomalous = false;
    }
    this.anomalous ||= anomaly;
    this.y += y;
    this.f += f;
    this.len++;
    if (this.len < this.hours) return;
    const start = t - (this.hours - 1) * HOUR_MS;
    const mu = this.level * this.f;
    // a small brand's burst of a few extra mentions an hour passes every hour's test and shows in the block's sum
    if (this.level > 0 && !this.anomalous && this.y > normalCap(mu)) for (let h = start; h <= t; h += HOUR_MS) this.anomalies.push(h);
    else if (this.level > 0 && !this.anomalous) this.errors.push({ y: this.y, mu, t: start, hours: this.hours });
    this.y = this.f = this.len = 0;
  }
}

/** Moment evidence of over-dispersion, re-estimated twice without the blocks the previous estimate calls anomalous. */
function robustEvidence(errors: readonly BlockError[]): DispersionEvidence {
  let kept = errors;
  let phi = PRIOR_DISPERSION;
  for (let pass = 0; pass < 3; pass++) {
    if (pass > 0) kept = errors.filter((e) => Math.abs(e.y - e.mu) <= ANOMALY_Z * Math.sqrt(e.mu + phi * e.mu * e.mu) + 3);
    const excess = kept.reduce((s, e) => s + (e.y - e.mu) ** 2 - e.mu, 0);
    const weight = kept.reduce((s, e) => s + e.mu * e.mu, 0);
    phi = weight > 0 ? Math.max(MIN_DISPERSION, excess / weight) : PRIOR_DISPERSION;
    if (pass === 2) return { excess, weight, linear: kept.reduce((s, e) => s + e.mu, 0), blocks: kept.length };
  }
  return { excess: 0, weight: 0, linear: 0, blocks: 0 };
}

/** Pools evidence into a dispersion, shrunk towards `prior` with `priorWeight` (Σμ² units). */
export function pooledDispersion(evidence: readonly DispersionEvidence[], prior = PRIOR_DISPERSION, priorWeight = PRIOR_DISPERSION_WEIGHT): number {
  const excess = evidence.reduce((s, e) => s + e.excess, 0);
  const weight = evidence.reduce((s, e) => s + e.weight, 0);
  return Math.min(5, Math.max(MIN_DISPERSION, (excess + prior * priorWeight) / (weight + priorWeight)));
}

export interface WindowVerdict {
  window: { start: string; end: string };
  observed: number;
  /** μ: mentions expected in the window */
  expected: number;
  /** the 99th percentile of a normal window: "at most this many on a normal day" */
  usualMax: number;
  /** the smallest count that is unusual enough to fire (at least minCount) */
  fireAt: number;
  /** P(a normal window has at least `observed`) */
  pValue: number;
  /** negative binomial size used (1 / total dispersion) */
  size: number;
  /** θ: the counts were judged in clusters of this size */
  clustering: number;
  historyMentions: number;
  /** enough history to judge (historyMentions ≥ minHistoryMentions) */
  judged: boolean;
  /** above usualMax: keeps an incident open */
  elevated: boolean;
  fired: boolean;
}

export interface JudgeOptions {
  minCount: number;
  /** a normal window reaches the count with at most this probability */
  pValue: number;
  /** and the count is at least this many times the expected one */
  minRatio: number;
  minHistoryMentions: number;
}

/** Expected mentions in [start, end): the level times each overlapping hour's factor, prorated by overlap. */
export function expectedIn(m: CountModel, start: number, end: number): { mean: number; rhythmDispersion: number } {
  let mean = 0;
  let unknown = 0;
  for (let h = Math.floor(start / HOUR_MS) * HOUR_MS; h < end; h += HOUR_MS) {
    const overlap = (Math.min(end, h + HOUR_MS) - Math.max(start, h)) / HOUR_MS;
    if (overlap <= 0) continue;
    mean += m.level * factorAt(m.rhythm, h, m.zone) * overlap;
    // an hour of day seen in few mentions (own or pooled) has a factor that is mostly a guess: widen the spread
    const support = m.rhythm.support[localSlot(h, m.zone) % 24] ?? 0;
    unknown += overlap * (HOUR_PRIOR_MENTIONS / (HOUR_PRIOR_MENTIONS + support));
  }
  const hours = Math.max(1e-9, (end - start) / HOUR_MS);
  return { mean, rhythmDispersion: UNKNOWN_RHYTHM_DISPERSION * (unknown / hours) };
}

/** Judges the count of [end − windowMinutes, end) against the model. */
export function judgeWindow(m: CountModel, observed: number, end: number, windowMinutes: number, o: JudgeOptions): WindowVerdict {
  const start = end - windowMinutes * 60_000;
  const { mean, rhythmDispersion } = expectedIn(m, start, end);
  const phi = (windowMinutes >= m.longWindowMinutes ? m.dispersionLong : m.dispersion) + rhythmDispersion + 1 / (m.historyMentions + 1);
  // counts in clusters of θ: the number of clusters is negative binomial (var(Y) = θμ + φμ²)
  const theta = Math.max(1, m.clustering);
  const d: NegBin = { mean: Math.max(mean / theta, 1e-6), size: 1 / phi };
  const judged = m.historyMentions >= o.minHistoryMentions;
  // y mentions are ⌈y/θ⌉ clusters: the least y whose clusters reach the tail count c is ⌊θ(c − 1)⌋ + 1
  const fireAt = Math.max(o.minCount, Math.ceil(o.minRatio * mean), Math.floor(theta * (countAtTail(d, o.pValue) - 1)) + 1);
  const usualMax = Math.floor(theta * quantile(d, 0.99));
  const pValue = upperTail(d, observed / theta);
  return {
    window: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
    observed,
    expected: mean,
    usualMax,
    fireAt,
    pValue,
    size: d.size,
    clustering: theta,
    historyMentions: m.historyMentions,
    judged,
    elevated: judged && observed > usualMax && observed >= o.minCount,
    fired: judged && observed >= fireAt,
  };
}
