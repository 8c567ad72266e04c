import { z } from 'zod';
import type { Alert, AlertRule, Severity } from '../domain/types.js';
import { InvalidAlertStateError } from './errors.js';

/**
 * One incident of one brand: spikes, ORI drops and crises that belong to one situation. Open until its signals have
 * stayed normal for `incidents.resolveAfterWindows` windows; kept for `incidents.reopenHours` after it resolves, so a
 * relapse reopens it (an update) instead of starting a new top-level message.
 */
export interface IncidentRecord {
  /** the alert id and outbox id of its first message */
  id: string;
  brand: string;
  openedAt: string;
  /** last evaluation at which a rule fired or a spike metric was above its usual maximum */
  lastActiveAt: string;
  severity: Severity;
  rules: AlertRule[];
  keywords: string[];
  /** updates posted so far */
  seq: number;
  /** highest window counts seen while open */
  peak: { count: number; negative: number };
  /** figures of the last message, so an update says what changed */
  reported: { count: number; negative: number; at: string; ori?: number | undefined };
  oriAtOpen?: number | undefined;
  resolvedAt?: string | undefined;
  title: string;
  /** the themes its last summary named, so the next one says how they changed */
  themes?: { term: string; count: number }[] | undefined;
}

/** Plain JSON; the integrator persists it and passes it back on the next evaluation. */
export interface AlertState {
  /** key: brand -> its current or last incident */
  incidents: Record<string, IncidentRecord>;
  /** key: `${brand}|${keyword}` -> until (ISO): a crisis keyword already announced is not announced again */
  keywordCooldowns: Record<string, string>;
  /** key: `${brand}|${local date}` -> trending-topic messages sent that day */
  trendDays: Record<string, number>;
  /** key: `${brand}|${rule}` or `${brand}|*` (all rules) -> muted until (ISO) */
  mutes: Record<string, string>;
  /** alerts held during quiet hours, released on the first evaluation after they end */
  held: Alert[];
  /** key: `${brand}|${metric}` -> until (ISO): a spike forecast already posted is not posted again */
  forecastCooldowns: Record<string, string>;
}

export type MuteTarget = AlertRule | '*';

export const stateKey = (brand: string, rule: MuteTarget): string => `${brand}|${rule}`;

export function emptyAlertState(): AlertState {
  return { incidents: {}, keywordCooldowns: {}, trendDays: {}, mutes: {}, held: [], forecastCooldowns: {} };
}

const severity = z.enum(['info', 'warning', 'critical']);
const rule = z.enum(['negative-spike', 'volume-spike', 'ori-drop', 'sentiment-shift', 'high-reach-negative', 'crisis-keyword', 'trending-topic', 'spike-forecast']);
const counts = z.object({ count: z.number(), negative: z.number() });
export const incidentSchema = z.object({
  id: z.string(),
  brand: z.string(),
  openedAt: z.string(),
  lastActiveAt: z.string(),
  severity,
  rules: z.array(rule),
  keywords: z.array(z.string()),
  seq: z.number().int().nonnegative(),
  peak: counts,
  reported: counts.extend({ at: z.string(), ori: z.number().optional() }),
  oriAtOpen: z.number().optional(),
  resolvedAt: z.string().optional(),
  title: z.string(),
  themes: z.array(z.object({ term: z.string(), count: z.number() })).optional(),
});
const stateSchema = z.object({
  incidents: z.record(z.string(), incidentSchema).default({}),
  keywordCooldowns: z.record(z.string(), z.string()).default({}),
  trendDays: z.record(z.string(), z.number()).default({}),
  mutes: z.record(z.string(), z.string()).default({}),
  forecastCooldowns: z.record(z.string(), z.string()).default({}),
  held: z
    .array(
      z.looseObject({
        id: z.string(),
        brand: z.string(),
        rule: z.string(),
        severity,
        title: z.string(),
        createdAt: z.string(),
        explanation: z.looseObject({ summary: z.string() }),
        mentions: z.array(z.unknown()),
      }),
    )
    .default([]),
});

/** Validates state read back from storage; undefined (nothing stored yet) gives an empty state. Older keys are dropped. */
export function parseAlertState(value: unknown): AlertState {
  if (value === undefined || value === null) return emptyAlertState();
  const r = stateSchema.safeParse(value);
  if (!r.success) throw new InvalidAlertStateError(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data as unknown as AlertState;
}

/** Mutes a brand's rule (or all its rules with '*') until the given time. Returns a new state. */
export function muteRule(state: AlertState, brand: string, rule: MuteTarget, until: Date): AlertState {
  return { ...state, mutes: { ...state.mutes, [stateKey(brand, rule)]: until.toISOString() } };
}

export function unmuteRule(state: AlertState, brand: string, rule: MuteTarget): AlertState {
  const mutes = { ...state.mutes };
  delete mutes[stateKey(brand, rule)];
  return { ...state, mutes };
}
