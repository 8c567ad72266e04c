import { DateTime } from 'luxon';
import type { Alert, AlertRule } from '../domain/types.js';
import { InvalidQuietHoursError } from './errors.js';
import { SEVERITY_RANK, type QuietHoursOptions } from './options.js';
import { stateKey, type AlertState } from './state.js';

/** Held alerts kept at most (oldest dropped first) so a long quiet period cannot grow state without bound. */
export const MAX_HELD = 100;

function minutesOf(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new InvalidQuietHoursError(hhmm);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * Whether `now` falls in [start, end) local time. start > end is an overnight window (22:00–07:00);
 * start == end is an empty window (never quiet).
 */
export function isQuietTime(now: Date, q: QuietHoursOptions): boolean {
  const local = DateTime.fromJSDate(now, { zone: q.timezone });
  if (!local.isValid) throw new InvalidQuietHoursError(`timezone ${q.timezone}`);
  const m = local.hour * 60 + local.minute;
  const s = minutesOf(q.start);
  const e = minutesOf(q.end);
  if (s === e) return false;
  return s < e ? m >= s && m < e : m >= s || m < e;
}

export function isMuted(state: AlertState, brand: string, rule: AlertRule, now: Date): boolean {
  const t = now.getTime();
  return [stateKey(brand, rule), stateKey(brand, '*')].some((k) => {
    const until = state.mutes[k];
    return until !== undefined && Date.parse(until) > t;
  });
}

/** True when the alert must wait for the end of quiet hours. */
export function shouldHold(alert: Alert, now: Date, q: QuietHoursOptions | undefined): boolean {
  return q !== undefined && SEVERITY_RANK[alert.severity] < SEVERITY_RANK[q.minSeverity] && isQuietTime(now, q);
}

/** Drops expired keyword cooldowns, mutes and old trend-day counters (returns a copy). */
export function pruneState(state: AlertState, now: Date): AlertState {
  const t = now.getTime();
  const keep = (rec: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(rec).filter(([, v]) => Date.parse(v) > t));
  const recentDay = (k: string): boolean => t - Date.parse(k.slice(k.lastIndexOf('|') + 1)) < 3 * 86_400_000;
  return {
    incidents: structuredClone(state.incidents),
    keywordCooldowns: keep(state.keywordCooldowns),
    trendDays: Object.fromEntries(Object.entries(state.trendDays).filter(([k]) => recentDay(k))),
    mutes: keep(state.mutes),
    held: [...state.held],
    forecastCooldowns: keep(state.forecastCooldowns ?? {}),
  };
}

/** Adds alerts to the held list (deduplicated by id, capped at MAX_HELD). */
export function hold(state: AlertState, alerts: readonly Alert[]): void {
  const ids = new Set(state.held.map((a) => a.id));
  for (const a of alerts) if (!ids.has(a.id)) state.held.push(a);
  if (state.held.length > MAX_HELD) state.held.splice(0, state.held.length - MAX_HELD);
}

/**
 * Outside quiet hours, takes this brand's held alerts out of the state and returns those still wanted
 * (a mute set during the night drops them).
 */
export function releaseHeld(state: AlertState, brand: string, now: Date, q: QuietHoursOptions | undefined): Alert[] {
  if (q !== undefined && isQuietTime(now, q)) return [];
  const mine = state.held.filter((a) => a.brand === brand);
  state.held = state.held.filter((a) => a.brand !== brand);
  return mine.filter((a) => !isMuted(state, a.brand, a.rule, now));
}
