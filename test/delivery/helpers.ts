import { alertsSchema } from '../../src/config/schema.js';
import type { AlertsOptions } from '../../src/delivery/options.js';
import { emptyAlertState } from '../../src/delivery/state.js';
import type { EvaluateInput } from '../../src/delivery/evaluate.js';
import type { HourlyRollup } from '../../src/domain/types.js';
import { series } from '../analysis/fixtures.js';

/** The validated defaults: also proves the config type is assignable to the delivery option type. */
export const defaults: AlertsOptions = alertsSchema.parse({});
export const NOW = new Date('2026-03-15T13:00:00.000Z');
const HOUR = 3_600_000;

/** 15 days of hourly rollups ending at NOW; the last hour (12:00–13:00) gets `last`. */
export function history(last: Partial<HourlyRollup> & { count: number }, usual: Partial<HourlyRollup> & { count: number } = { count: 3 }): HourlyRollup[] {
  const hours = 15 * 24;
  return series(new Date(NOW.getTime() - hours * HOUR).toISOString(), hours, (i) => (i === hours - 1 ? last : usual));
}

export function input(over: Partial<EvaluateInput> = {}): EvaluateInput {
  return {
    now: NOW,
    brand: { name: 'Acme', competitors: ['Globex'], crisisKeywords: ['exploding'] },
    options: defaults,
    rollups: history({ count: 3 }),
    recentMentions: [],
    previousTrending: [],
    state: emptyAlertState(),
    ...over,
  };
}
