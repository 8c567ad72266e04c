import { DateTime } from 'luxon';
import type { HourlyRollup, SentimentLabel } from '../domain/types.js';
import { InvalidTimezoneError } from './errors.js';

export type SentimentCounts = Record<SentimentLabel, number>;

export interface VolumeTotals extends SentimentCounts {
  count: number;
  engagement: number;
}

/** (pos − neg) / (pos + neg), in −1..1; null when there is no polarised mention. */
export function netSentiment(counts: Pick<SentimentCounts, 'positive' | 'negative'>): number | null {
  const denom = counts.positive + counts.negative;
  if (!(denom > 0)) return null;
  return (counts.positive - counts.negative) / denom;
}

export interface VoiceShare {
  brand: string;
  count: number;
  /** 0..1; 0 for everyone when nobody was mentioned */
  share: number;
}

/** Share of voice, largest first (ties by brand name). Negative or non-finite counts are treated as 0. */
export function shareOfVoice(countsByBrand: Record<string, number>): VoiceShare[] {
  const rows = Object.entries(countsByBrand).map(([brand, c]) => ({ brand, count: Number.isFinite(c) && c > 0 ? c : 0 }));
  const total = rows.reduce((s, r) => s + r.count, 0);
  return rows
    .map((r) => ({ ...r, share: total > 0 ? r.count / total : 0 }))
    .sort((a, b) => b.count - a.count || a.brand.localeCompare(b.brand));
}

export function emptyTotals(): VolumeTotals {
  return { count: 0, positive: 0, neutral: 0, negative: 0, engagement: 0 };
}

function add(into: VolumeTotals, r: HourlyRollup): void {
  into.count += r.count;
  into.positive += r.positive;
  into.neutral += r.neutral;
  into.negative += r.negative;
  into.engagement += r.engagement;
}

/** Totals of the rollups whose hour starts in [start, end). */
export function sumRollups(rollups: readonly HourlyRollup[], start: Date, end: Date): VolumeTotals {
  const s = start.getTime();
  const e = end.getTime();
  const out = emptyTotals();
  for (const r of rollups) {
    const t = Date.parse(r.hour);
    if (t >= s && t < e) add(out, r);
  }
  return out;
}

export function assertTimezone(timezone: string): void {
  if (!DateTime.now().setZone(timezone).isValid) throw new InvalidTimezoneError(timezone);
}

/** Local calendar date (YYYY-MM-DD) of an instant in a timezone. */
export function localDate(at: Date, timezone: string): string {
  assertTimezone(timezone);
  return DateTime.fromJSDate(at, { zone: timezone }).toISODate() ?? '';
}

/** UTC bounds [start, end) of a local calendar day (23 or 25 hours long on DST change days). */
export function localDayBounds(date: string, timezone: string): { start: Date; end: Date } {
  assertTimezone(timezone);
  const day = DateTime.fromISO(date, { zone: timezone }).startOf('day');
  if (!day.isValid) throw new InvalidTimezoneError(`${timezone} (date ${date})`);
  return { start: day.toJSDate(), end: day.plus({ days: 1 }).toJSDate() };
}

/** Shifts a YYYY-MM-DD date by whole days. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() ?? date;
}

/**
 * Totals per local day in a timezone. An hourly bucket is attributed to the local day its start falls in
 * (in zones with a non-whole-hour offset such as Asia/Kolkata a bucket straddles midnight; it counts once).
 */
export function dailyTotals(rollups: readonly HourlyRollup[], timezone: string): Map<string, VolumeTotals> {
  assertTimezone(timezone);
  const out = new Map<string, VolumeTotals>();
  for (const r of rollups) {
    const d = DateTime.fromISO(r.hour, { zone: 'utc' }).setZone(timezone).toISODate();
    if (d === null) continue;
    let t = out.get(d);
    if (!t) {
      t = emptyTotals();
      out.set(d, t);
    }
    add(t, r);
  }
  return out;
}

/** Mean mentions per day over [start, end) (0 when the period is empty). */
export function dailyRate(rollups: readonly HourlyRollup[], start: Date, end: Date): number {
  const days = (end.getTime() - start.getTime()) / 86_400_000;
  if (!(days > 0)) return 0;
  return sumRollups(rollups, start, end).count / days;
}
