import type { ReputationScore } from '../domain/types.js';
import type { Store } from '../store/store.js';
import type { OriOptions } from '../analysis/options.js';
import { computeOri } from '../analysis/reputation.js';
import { dailyRate } from '../analysis/stats.js';

const DAY_MS = 86_400_000;

export interface OriSettings extends OriOptions {
  baselineDays: number;
}

/**
 * The ORI of a brand at `now`: its mentions over the ORI window, against the daily volume of the baseline period
 * that precedes the window (from hourly rollups, so the cost does not grow with history).
 */
export async function oriAt(store: Store, brand: string, now: Date, s: OriSettings): Promise<ReputationScore> {
  const windowStart = new Date(now.getTime() - s.windowDays * DAY_MS);
  const baselineStart = new Date(windowStart.getTime() - s.baselineDays * DAY_MS);
  const [mentions, rollups] = await Promise.all([
    store.queryMentions({ brand, since: windowStart.toISOString(), until: now.toISOString(), limit: 20_000 }),
    store.rollups(brand, baselineStart.toISOString(), windowStart.toISOString()),
  ]);
  const baselineDailyVolume = rollups.length > 0 ? dailyRate(rollups, baselineStart, windowStart) : 0;
  return computeOri({ brand, mentions, baselineDailyVolume, now, options: s });
}

/** ORI now and its change against `hoursAgo` earlier. */
export async function oriWithChange(store: Store, brand: string, now: Date, s: OriSettings, hoursAgo = 24): Promise<ReputationScore & { change: number; previous: number }> {
  const [cur, prev] = await Promise.all([oriAt(store, brand, now, s), oriAt(store, brand, new Date(now.getTime() - hoursAgo * 3_600_000), s)]);
  return { ...cur, change: Math.round((cur.value - prev.value) * 10) / 10, previous: prev.value };
}
