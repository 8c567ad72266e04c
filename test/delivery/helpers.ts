import { alertsSchema } from '../../src/config/schema.js';
import type { AlertsOptions } from '../../src/delivery/options.js';
import { emptyAlertState } from '../../src/delivery/state.js';
import type { EvaluateInput } from '../../src/delivery/evaluate.js';
import type { HourlyRollup, Mention, ReputationScore, SentimentLabel } from '../../src/domain/types.js';
import { fitBrandModels, type BrandModels } from '../../src/analysis/brand-models.js';
import { historyFromRollups } from '../../src/analysis/spike-verdict.js';
import { mention, series } from '../analysis/fixtures.js';

/** The validated defaults: also proves the config type is assignable to the delivery option type. */
export const defaults: AlertsOptions = alertsSchema.parse({});
export const NOW = new Date('2026-03-15T13:00:00.000Z');
const HOUR = 3_600_000;

/** 15 days of hourly rollups ending at NOW; the last hour (12:00–13:00) gets `last`. */
export function history(last: Partial<HourlyRollup> & { count: number }, usual: Partial<HourlyRollup> & { count: number } = { count: 3 }, days = 15): HourlyRollup[] {
  const hours = days * 24;
  return series(new Date(NOW.getTime() - hours * HOUR).toISOString(), hours, (i) => (i === hours - 1 ? last : usual));
}

/** The count models the pipeline would fit from these rollups (history before the judged window). */
export function modelsFor(rollups: readonly HourlyRollup[], now: Date, options: AlertsOptions = defaults, zone = 'UTC'): BrandModels | undefined {
  const end = Math.floor((now.getTime() - options.spike.windowMinutes * 60_000) / HOUR) * HOUR;
  const start = rollups[0] ? Date.parse(rollups[0].hour) : end;
  const h = historyFromRollups('Acme', rollups, start, end);
  return fitBrandModels([h], zone, { windowMinutes: options.spike.windowMinutes, levelHalfLifeDays: options.spike.levelHalfLifeDays }).get('Acme');
}

/** `n` mentions spread over the 50 minutes before `now`, each by its own author (or all by one). */
export function burst(n: number, label: SentimentLabel = 'neutral', now = NOW, o: { prefix?: string; oneAuthor?: boolean; extra?: Partial<Mention> } = {}): Mention[] {
  return Array.from({ length: n }, (_, i) =>
    mention(`${o.prefix ?? 'b'}${i}`, label, new Date(now.getTime() - ((i * 50) / Math.max(1, n) + 1) * 60_000).toISOString(), {
      author: o.oneAuthor ? 'same-person' : `author-${o.prefix ?? 'b'}${i}`,
      ...o.extra,
    }),
  );
}

/** One evaluation's input: 3 mentions an hour of history, models fitted from the rollups given, nothing new. */
export function input(over: Partial<EvaluateInput> = {}): EvaluateInput {
  const base: EvaluateInput = {
    now: NOW,
    brand: { name: 'Acme', competitors: ['Globex'], crisisKeywords: ['exploding'] },
    options: defaults,
    rollups: history({ count: 3 }),
    windowMentions: [],
    recentMentions: [],
    previousTrending: [],
    state: emptyAlertState(),
  };
  const merged = { ...base, ...over };
  if (!('models' in over)) merged.models = modelsFor(merged.rollups, merged.now, merged.options, merged.timezone ?? 'UTC');
  return merged;
}

/** An index score of Acme at NOW resting on `total` (recency-weighted) mentions. */
export const ori = (value: number, total = 100): ReputationScore => ({
  brand: 'Acme',
  at: NOW.toISOString(),
  value,
  components: { sentiment: value, engagement: 50, volume: 50 },
  weights: { sentiment: 0.6, engagement: 0.2, volume: 0.2 },
  effective: { positive: total / 3, neutral: total / 3, negative: total / 3, total },
  baselineVolume: 5,
  topContributors: [],
});
