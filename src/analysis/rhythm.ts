import { DateTime } from 'luxon';
import { InvalidAnalysisOptionsError } from './errors.js';

/**
 * The daily and weekly rhythm of mention counts: a factor per local hour of day and per weekday (each averaging 1),
 * so that expected(t) = level × hourOfDay[hod(t)] × dayOfWeek[dow(t)]. Learnt from counts, shrunk towards a prior
 * rhythm (the pooled one of all brands, itself shrunk towards flat) where data is thin. Pure.
 */
export interface Rhythm {
  /** 24 factors, index = local hour, mean 1 */
  hourOfDay: number[];
  /** 7 factors, index = luxon weekday − 1 (Monday first), mean 1 */
  dayOfWeek: number[];
  /** mentions seen per local hour (own plus the prior's): how well each factor is known */
  support: number[];
  /** where it mostly comes from: the brand's own history, the pooled one of all brands, or none (flat) */
  source: 'own' | 'pooled' | 'flat';
}

/** Hourly counts of one brand (hour start in ms -> count; absent hours are 0) over [start, end). */
export interface HourSeries {
  counts: ReadonlyMap<number, number>;
  start: number;
  end: number;
}

export const HOUR_MS = 3_600_000;
/** prior strength of an hour-of-day factor, in mentions: fewer mentions than this in an hour lean on the prior */
export const HOUR_PRIOR_MENTIONS = 30;
/** prior strength of a weekday factor, in distinct days of that weekday */
export const WEEKDAY_PRIOR_DAYS = 3;

export function flatRhythm(): Rhythm {
  return { hourOfDay: new Array<number>(24).fill(1), dayOfWeek: new Array<number>(7).fill(1), support: new Array<number>(24).fill(0), source: 'flat' };
}

const slotCache = new Map<string, Map<number, number>>();

/** Local (weekday − 1) × 24 + hour of the hour starting at `t` in `zone`; cached, as every evaluation asks again. */
export function localSlot(t: number, zone: string): number {
  let byZone = slotCache.get(zone);
  if (!byZone) slotCache.set(zone, (byZone = new Map()));
  let s = byZone.get(t);
  if (s === undefined) {
    const d = DateTime.fromMillis(t, { zone });
    if (!d.isValid) throw new InvalidAnalysisOptionsError('timeZone', zone);
    s = (d.weekday - 1) * 24 + d.hour;
    if (byZone.size > 50_000) byZone.clear();
    byZone.set(t, s);
  }
  return s;
}

/** The factor of the hour starting at `t`. */
export function factorAt(r: Rhythm, t: number, zone: string): number {
  const s = localSlot(t, zone);
  return (r.hourOfDay[s % 24] ?? 1) * (r.dayOfWeek[Math.floor(s / 24)] ?? 1);
}

function normalise(xs: number[]): number[] {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return m > 0 ? xs.map((x) => x / m) : xs.map(() => 1);
}

/**
 * Learns a rhythm from one or more series (several brands pool their evidence: each brand is compared with its own
 * average rate, so a big brand does not impose its level, only its shape). Each factor is a ratio of observed to
 * expected mentions with `HOUR_PRIOR_MENTIONS` pseudo-mentions at the prior's value, so an hour with little data
 * keeps the prior.
 */
export function learnRhythm(series: readonly HourSeries[], zone: string, prior: Rhythm = flatRhythm()): Rhythm {
  const n = new Array<number>(24).fill(0);
  const e = new Array<number>(24).fill(0);
  const nd = new Array<number>(7).fill(0);
  const ed = new Array<number>(7).fill(0);
  const days: Set<number>[] = Array.from({ length: 7 }, () => new Set<number>());
  let total = 0;
  for (const s of series) {
    const hours = Math.max(0, Math.round((s.end - s.start) / HOUR_MS));
    if (hours === 0) continue;
    let sum = 0;
    for (const [t, c] of s.counts) if (t >= s.start && t < s.end) sum += c;
    const mean = sum / hours;
    if (!(mean > 0)) continue;
    total += sum;
    for (let t = s.start; t < s.end; t += HOUR_MS) {
      const slot = localSlot(t, zone);
      const h = slot % 24;
      const d = Math.floor(slot / 24);
      const c = s.counts.get(t) ?? 0;
      n[h]! += c;
      e[h]! += mean;
      nd[d]! += c;
      days[d]!.add(Math.floor((t - h * HOUR_MS) / (24 * HOUR_MS)));
    }
  }
  if (total === 0) return { ...prior, support: [...prior.support] };
  const a = HOUR_PRIOR_MENTIONS;
  const hourOfDay = normalise(n.map((c, h) => (c + a * (prior.hourOfDay[h] ?? 1)) / (e[h]! + a)));
  // weekday factors: observed against what the hour-of-day rhythm expects, trusted by how many such days were seen
  for (const s of series) {
    const hours = Math.max(0, Math.round((s.end - s.start) / HOUR_MS));
    let sum = 0;
    for (const [t, c] of s.counts) if (t >= s.start && t < s.end) sum += c;
    const mean = hours > 0 ? sum / hours : 0;
    if (!(mean > 0)) continue;
    for (let t = s.start; t < s.end; t += HOUR_MS) {
      const slot = localSlot(t, zone);
      ed[Math.floor(slot / 24)]! += mean * hourOfDay[slot % 24]!;
    }
  }
  const dayOfWeek = normalise(
    nd.map((c, d) => {
      const raw = ed[d]! > 0 ? c / ed[d]! : 1;
      const w = days[d]!.size / (days[d]!.size + WEEKDAY_PRIOR_DAYS);
      return w * raw + (1 - w) * (prior.dayOfWeek[d] ?? 1);
    }),
  );
  const support = n.map((c, h) => c + (prior.support[h] ?? 0));
  // 'own' once the brand's own mentions outweigh the prior in every hour on average
  const source = total >= 24 * a || prior.source === 'flat' ? 'own' : prior.source;
  return { hourOfDay, dayOfWeek, support, source };
}

export function validateZone(zone: string): void {
  if (!DateTime.local().setZone(zone).isValid) throw new InvalidAnalysisOptionsError('timeZone', zone);
}
