import { DateTime } from 'luxon';
import type { Change, ImpactReport } from '../analysis/impact.js';

/** One line per figure of an impact report, in words a PR person reads: before → after (change, 90 % interval). */
export interface ImpactLine {
  name: string;
  value: string;
}

const sign = (x: number, digits: number): string => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(digits)}`;
const range = (c: Change, digits: number, scale = 1): string => `90 %: ${sign(c.low * scale, digits)} to ${sign(c.high * scale, digits)}`;
const chance = (c: Change): string => (c.low <= 0 && c.high >= 0 ? '; may be chance' : '');

export function impactPeriod(r: ImpactReport, zone: string): string {
  const d = (iso: string): string => DateTime.fromISO(iso, { zone }).toFormat('ccc d LLL HH:mm');
  return `before ${d(r.before.start)} – ${d(r.before.end)}, after ${d(r.after.start)} – ${d(r.after.end)}${r.running ? ' (still running: cut at now)' : ''}`;
}

export function impactLines(r: ImpactReport): ImpactLine[] {
  const out: ImpactLine[] = [];
  const v = r.change.volumePerDay;
  out.push({ name: 'Mentions per day', value: `${r.before.volumePerDay.toFixed(1)} → ${r.after.volumePerDay.toFixed(1)}${v ? ` (${sign(v.value, 1)}, ${range(v, 1)}${chance(v)})` : ''}` });
  const n = r.change.nss;
  const nss = (x: number | null): string => (x === null ? 'none' : sign(x, 2));
  out.push({ name: 'Net sentiment', value: `${nss(r.before.nss)} → ${nss(r.after.nss)}${n ? ` (${sign(n.value, 2)}, ${range(n, 2)}${chance(n)})` : ''}` });
  const s = r.change.shareOfVoice;
  const pct = (x: number | null): string => (x === null ? 'none' : `${Math.round(x * 100)} %`);
  out.push({ name: 'Share of voice', value: `${pct(r.before.shareOfVoice)} → ${pct(r.after.shareOfVoice)}${s ? ` (${sign(s.value * 100, 0)} points, ${range(s, 0, 100)}${chance(s)})` : ''}` });
  if (r.before.ori !== undefined && r.after.ori !== undefined) out.push({ name: 'Reputation index', value: `${r.before.ori.toFixed(0)} → ${r.after.ori.toFixed(0)} (${sign(r.after.ori - r.before.ori, 0)})` });
  return out;
}

export const IMPACT_NOTE =
  'Each window is as long as the event; intervals resample its days (hours for an event under two days). Before and after is not cause: anything else in the same days moves these figures too.';
