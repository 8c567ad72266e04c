import type { HourlyRollup } from '../domain/types.js';
import { judgeWindow, type CountModel, type WindowVerdict } from './count-model.js';
import type { BrandHistory } from './brand-models.js';
import { HOUR_MS } from './rhythm.js';

export type SpikeMetric = 'count' | 'negative';

/** Structurally the validated `alerts.spike` settings. */
export interface SpikeJudgeOptions {
  windowMinutes: number;
  minCount: number;
  /** a normal window reaches the alert level with at most this probability (split between the two window lengths) */
  pValue: number;
  ratioThreshold: number;
  /** distinct authors in the window: one person posting thirty times is not a spike */
  minAuthors: number;
  /** each author counts at most this many times in a window (in proportion for a longer one): a heated thread between three people is not a spike */
  maxPerAuthor: number;
  /** the model must rest on at least this many (decayed) mentions of history */
  minHistoryMentions: number;
}

/** A spike verdict plus who was counted. */
export interface SpikeVerdict extends WindowVerdict {
  metric: SpikeMetric;
  windowMinutes: number;
  authors: number;
  /** mentions in the window, every one counted (`observed` counts each author at most `perAuthorCap` times) */
  mentions: number;
  /** maxPerAuthor per configured window's length: a window three times as long lets each person count three times as often */
  perAuthorCap: number;
}

/** One mention as a spike counts it: when, and by whom (the author's key, else the mention's own key). */
export interface CountedMention {
  t: number;
  who: string;
}

function inWindow(ms: readonly CountedMention[], end: number, minutes: number, maxPerAuthor: number): { n: number; raw: number; authors: number } {
  const start = end - minutes * 60_000;
  const inside = ms.filter((m) => m.t >= start && m.t < end);
  const per = new Map<string, number>();
  for (const m of inside) per.set(m.who, (per.get(m.who) ?? 0) + 1);
  let n = 0;
  for (const c of per.values()) n += Math.min(c, maxPerAuthor);
  return { n, raw: inside.length, authors: per.size };
}

/** Besides the configured window, its second half (a burst that began twenty minutes ago shows there first) and a
 * window three times as long (a small brand's burst of a few extra mentions an hour shows over hours, not in one). */
export const LONG_WINDOW_FACTOR = 3;

/** The longest window a spike is judged on: history for the models must end before it begins. */
export function longestSpikeWindowMinutes(windowMinutes: number): number {
  return windowMinutes * LONG_WINDOW_FACTOR;
}

/**
 * Judges the last window, its second half and the window three times as long, each at a third of the p-value so the
 * set keeps the configured false-alarm rate. Integer counts of the mentions themselves, never prorated rollups. The
 * configured window's verdict is reported unless only the half or the long one fires (the half first: it is the faster).
 */
export function judgeSpike(model: CountModel, mentions: readonly CountedMention[], now: Date, metric: SpikeMetric, o: SpikeJudgeOptions): SpikeVerdict {
  const end = now.getTime();
  const scales = o.windowMinutes < 20 ? [o.windowMinutes, longestSpikeWindowMinutes(o.windowMinutes)] : [o.windowMinutes, o.windowMinutes / 2, longestSpikeWindowMinutes(o.windowMinutes)];
  const judge = { minCount: o.minCount, pValue: o.pValue / scales.length, minRatio: o.ratioThreshold, minHistoryMentions: o.minHistoryMentions };
  const verdictFor = (minutes: number): SpikeVerdict => {
    const perAuthorCap = o.maxPerAuthor * Math.max(1, Math.round(minutes / o.windowMinutes));
    const c = inWindow(mentions, end, minutes, perAuthorCap);
    const v = judgeWindow(model, c.n, end, minutes, judge);
    return { ...v, fired: v.fired && c.authors >= o.minAuthors, metric, windowMinutes: minutes, authors: c.authors, mentions: c.raw, perAuthorCap };
  };
  const verdicts = scales.map(verdictFor);
  return verdicts.find((v) => v.fired) ?? verdicts[0]!;
}

/**
 * A brand's hourly history for the count models, from its rollups over [start, end) (end: the start of the hour the
 * judged window begins in, so the window never judges itself).
 */
export function historyFromRollups(brand: string, rollups: readonly HourlyRollup[], start: number, end: number): BrandHistory {
  const count = new Map<number, number>();
  const negative = new Map<number, number>();
  for (const r of rollups) {
    const t = Date.parse(r.hour);
    if (!(t >= start && t < end)) continue;
    const h = Math.floor(t / HOUR_MS) * HOUR_MS;
    count.set(h, (count.get(h) ?? 0) + r.count);
    if (r.negative > 0) negative.set(h, (negative.get(h) ?? 0) + r.negative);
  }
  const s = Math.floor(start / HOUR_MS) * HOUR_MS;
  return { brand, count: { counts: count, start: s, end }, negative: { counts: negative, start: s, end } };
}
