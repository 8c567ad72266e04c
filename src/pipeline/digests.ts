import type { Digest } from '../domain/types.js';
import type { Settings } from '../config/schema.js';
import type { OutboxEntry, Store } from '../store/store.js';
import { buildDigest, DIGEST_DAYS, DIGEST_TREND_BASELINE_DAYS, type AlertAck } from '../delivery/digest.js';
import { localDate, localDayBounds, addDays, sumRollups } from '../analysis/stats.js';
import type { BrandSpec } from '../domain/types.js';
import { oriAt } from './ori.js';
import { forecastSpanOf, type ModelCache } from './forecasts.js';
import { eventEnd } from '../analysis/impact.js';
import { eventTime } from '../shared/event-time.js';
import { latestCorrections } from '../classify/feedback-agreement.js';
import { phraseSummary, type PhrasingDeps } from './phrasing.js';
import { ALERT_LOG_KEY, ORI_HISTORY_KEY, configuredTerms, type AlertLogEntry } from './alerting.js';

export const ACKS_KEY = 'alerts.acks';
export interface AckRecord {
  by: string;
  at: string;
  minutes: number;
  alertCreatedAt: string;
}

export interface DigestDeps {
  store: Store;
  brands: BrandSpec[];
  settings: Settings;
  classifierName: string;
  /** the count models of one run of digests, fitted once for all brands (forecastSpanOf) */
  forecastModels?: ModelCache;
  /** a language model that rephrases the digest's summary (checked by the bot; the extractive text otherwise) */
  phrasing?: PhrasingDeps;
}

/** One brand's digest. `date` (local YYYY-MM-DD) defaults to today so far; the scheduled digest reports yesterday. */
export async function buildBrandDigest(deps: DigestDeps, brand: BrandSpec, now: Date, date?: string): Promise<Digest> {
  const tz = deps.settings.digest.timezone ?? deps.settings.timezone;
  const day = date ?? localDate(now, tz);
  const { start, end } = localDayBounds(day, tz);
  const rollupStart = localDayBounds(addDays(day, -(DIGEST_DAYS + DIGEST_TREND_BASELINE_DAYS)), tz).start;
  const until = end < now ? end : now;
  const [rollups, mentions, ori, history, log, acks, feedback] = await Promise.all([
    deps.store.rollups(brand.name, rollupStart.toISOString(), end.toISOString()),
    deps.store.queryMentions({ brand: brand.name, since: start.toISOString(), until: end.toISOString(), limit: 20_000 }),
    oriAt(deps.store, brand.name, until, deps.settings.reputation),
    deps.store.kvGet<Record<string, { at: string; value: number }[]>>(ORI_HISTORY_KEY),
    deps.store.kvGet<AlertLogEntry[]>(ALERT_LOG_KEY),
    deps.store.kvGet<Record<string, AckRecord>>(ACKS_KEY),
    deps.store.feedback().then((r) => latestCorrections(r).filter((x) => Date.parse(x.at) >= now.getTime() - 30 * 86_400_000)),
  ]);
  // the daily ORI series: the score at the end of each of the last DIGEST_DAYS local days, recomputed from stored
  // mentions (snapshots taken while running are added, and win for the days they exist)
  const computed: { at: string; value: number }[] = [];
  for (let i = DIGEST_DAYS - 1; i >= 1; i--) {
    const dayEnd = new Date(localDayBounds(addDays(day, -i), tz).end.getTime() - 1);
    computed.push({ at: dayEnd.toISOString(), value: (await oriAt(deps.store, brand.name, dayEnd, deps.settings.reputation)).value });
  }
  const competitorVolumes: Record<string, number> = {};
  for (const c of brand.competitors) competitorVolumes[c] = sumRollups(await deps.store.rollups(c, start.toISOString(), end.toISOString()), start, end).count;
  const ackList: AlertAck[] = Object.entries(acks ?? {}).map(([alertId, a]) => ({ alertId, alertCreatedAt: a.alertCreatedAt, ackedAt: a.at }));
  const next = addDays(day, 1);
  const nextDay = localDayBounds(next, tz);
  const s = deps.settings.alerts.spike;
  const forecast = await forecastSpanOf(deps.store, deps.brands.map((b) => b.name), brand.name, until, nextDay.start, nextDay.end, { timezone: tz, baselineDays: s.baselineDays, levelHalfLifeDays: s.levelHalfLifeDays }, deps.forecastModels);
  const digest = buildDigest({
    brand: brand.name,
    now,
    timezone: tz,
    date: day,
    rollups,
    mentions,
    oriHistory: [...computed, ...(history?.[brand.name] ?? []), { at: until.toISOString(), value: ori.value }],
    ori: ori.value,
    competitorVolumes,
    alerts: (log ?? []).filter((a) => a.brand === brand.name),
    acks: ackList,
    feedback,
    trending: deps.settings.alerts.trending,
    // the brand's own names and handles (and the other brands') are what it is mentioned by, not what is trending
    excludedTerms: configuredTerms(deps.brands),
  });
  // events on the chart's days, their times resolved in the digest's zone
  const chartStart = localDayBounds(addDays(day, -(DIGEST_DAYS - 1)), tz).start.getTime();
  const events = (brand.events ?? [])
    .map((e) => {
      const from = eventTime(e.start, tz);
      return { name: e.name, start: new Date(from).toISOString(), end: new Date(eventEnd(from, e.end === undefined ? undefined : eventTime(e.end, tz))).toISOString() };
    })
    .filter((e) => Date.parse(e.start) < end.getTime() && Date.parse(e.end) > chartStart);
  const said = await phraseSummary(digest, deps.phrasing);
  return { ...said, ...(forecast ? { forecast: { date: next, ...forecast } } : {}), ...(events.length ? { events } : {}) };
}

/**
 * Enqueue digests for every brand (or one). `scheduled` digests report the last complete local day; others report
 * today so far. The outbox id names brand and day, so a scheduled digest is never sent twice for the same day.
 */
export async function enqueueDigests(deps: DigestDeps, now: Date, brand?: string, scheduled = false): Promise<number> {
  const tz = deps.settings.digest.timezone ?? deps.settings.timezone;
  const date = scheduled ? addDays(localDate(now, tz), -1) : undefined;
  const list = deps.brands.filter((b) => !brand || b.name.toLowerCase() === brand.toLowerCase());
  const entries: OutboxEntry[] = [];
  const run: DigestDeps = { ...deps, forecastModels: deps.forecastModels ?? new Map() };
  for (const b of list) {
    const digest = await buildBrandDigest(run, b, now, date);
    const id = scheduled ? `digest:${b.name}:${digest.date}` : `digest:${b.name}:${digest.date}:${now.toISOString().slice(0, 16)}`;
    // seq keeps the configured brand order among digests created at the same instant (outboxOrder)
    entries.push({ id, payload: { kind: 'digest', digest }, status: 'pending', attempts: 0, createdAt: now.toISOString(), seq: entries.length, notBefore: now.toISOString() });
  }
  await deps.store.outboxEnqueue(entries);
  return entries.length;
}
