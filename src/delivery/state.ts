import { z } from 'zod';
import type { Alert, AlertRule, Severity } from '../domain/types.js';
import { InvalidAlertStateError } from './errors.js';

/** Last alert of a brand+rule: suppresses the same rule until `until` unless severity escalates. */
export interface CooldownEntry {
  until: string;
  severity: Severity;
  alertId: string;
}

/** Plain JSON; the integrator persists it (kv) and passes it back on the next evaluation. */
export interface AlertState {
  /** key: `${brand}|${rule}` */
  cooldowns: Record<string, CooldownEntry>;
  /** key: `${brand}|${rule}` or `${brand}|*` (all rules) -> muted until (ISO) */
  mutes: Record<string, string>;
  /** alerts held during quiet hours, released on the first evaluation after they end */
  held: Alert[];
}

export type MuteTarget = AlertRule | '*';

export const stateKey = (brand: string, rule: MuteTarget): string => `${brand}|${rule}`;

export function emptyAlertState(): AlertState {
  return { cooldowns: {}, mutes: {}, held: [] };
}

const severity = z.enum(['info', 'warning', 'critical']);
const stateSchema = z.object({
  cooldowns: z.record(z.string(), z.object({ until: z.string(), severity, alertId: z.string() })).default({}),
  mutes: z.record(z.string(), z.string()).default({}),
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

/** Validates state read back from storage; undefined (nothing stored yet) gives an empty state. */
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
