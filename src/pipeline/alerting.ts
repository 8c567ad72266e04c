import type { Logger } from '../shared/logger.js';
import type { Alert, AlertRule, HourlyRollup, Mention } from '../domain/types.js';
import { fitBrandModels, type BrandModels } from '../analysis/brand-models.js';
import { industryFactors } from '../analysis/industry.js';
import { historyFromRollups, longestSpikeWindowMinutes } from '../analysis/spike-verdict.js';
import { TREND_WINDOW_HOURS } from '../delivery/rules/trending-topic.js';
import type { AppConfig } from '../config/load.js';
import type { OutboxEntry, Store } from '../store/store.js';
import type { AlertsOptions } from '../delivery/options.js';
import { evaluateAlerts } from '../delivery/evaluate.js';
import { emptyAlertState, muteRule as muteInState, parseAlertState, unmuteRule as unmuteInState, type AlertState, type MuteTarget } from '../delivery/state.js';
import type { BrandSpec } from '../domain/types.js';
import { oriAt, type OriSettings } from './ori.js';
import { PENDING_ALERT_KEY } from './poll-cycle.js';
import type { BotMetrics } from '../shared/metrics.js';
import type { GuardedPhraser } from '../classify/phraser.js';
import { phraseSummary } from './phrasing.js';

const STATE_KEY = 'alerts.state';
const LAST_EVAL_KEY = 'alerts.lastEval';
const TRENDING_KEY = 'alerts.trending';
const HOUR_MS = 3_600_000;
export const ALERT_LOG_KEY = 'alerts.log';
export const ORI_HISTORY_KEY = 'ori.history';
export interface AlertLogEntry {
  id: string;
  brand: string;
  rule: string;
  createdAt: string;
}
const LOG_DAYS = 35;
/** brands without new mentions are still re-evaluated this often (quiet-hours release, ORI drift) */
const IDLE_EVAL_MS = 5 * 60_000;

export interface AlertingOptions {
  alerts: AlertsOptions;
  ori: OriSettings;
  /** the team's IANA zone (settings.timezone): spike baselines compare the same local time on past days */
  timezone?: string;
}

export interface AlertingDeps {
  store: Store;
  logger: Logger;
  brands: BrandSpec[];
  options: AlertingOptions;
  metrics: BotMetrics;
  /** a language model that rephrases incident summaries (checked by the bot; the extractive text otherwise) */
  phraser?: GuardedPhraser | undefined;
}

/** Config alerts settings with thresholds changed from chat (`/alerts threshold`) applied on top. */
export function alertingOptions(config: AppConfig, overrides: { thresholds: Record<string, number> }): AlertingOptions {
  const a = structuredClone(config.settings.alerts);
  for (const [path, value] of Object.entries(overrides.thresholds)) {
    const [head, tail] = path.split('.') as [string, string | undefined];
    const obj = a as unknown as Record<string, unknown>;
    if (tail && typeof obj[head] === 'object' && obj[head] !== null) (obj[head] as Record<string, number>)[tail] = value;
    else if (!tail) obj[head] = value;
  }
  return { alerts: a, ori: config.settings.reputation, timezone: config.settings.timezone };
}

/** An incident's first message is an alert entry; its later ones are updates of that entry. */
export function outboxEntryFor(alert: Alert, now: Date, seq = 0): OutboxEntry {
  const payload: OutboxEntry['payload'] = alert.update ? { kind: 'update', updates: alert.update.of, alert } : { kind: 'alert', alert };
  return { id: alert.id, payload, status: 'pending', attempts: 0, createdAt: now.toISOString(), seq, notBefore: now.toISOString() };
}

/**
 * Evaluate every brand's alert rules and enqueue what fires. The new alert state (cooldowns, held alerts) and the
 * outbox entries are committed together, so a crash either keeps both or neither; alert ids are deterministic, so
 * re-evaluating after a crash cannot enqueue the same alert twice.
 */
/** Every word of every configured name, alias, competitor and query, joined forms too ("united airlines" -> "unitedairlines"). */
export function configuredTerms(brands: readonly BrandSpec[]): Set<string> {
  const out = new Set<string>();
  for (const b of brands) {
    for (const phrase of [b.name, ...b.aliases, ...b.competitors, ...(b.query ? [b.query] : [])]) {
      const words = phrase.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0 && !['and', 'or', 'not', 'near'].includes(w));
      for (const w of words) out.add(w);
      if (words.length > 1 && !b.query?.includes(phrase)) out.add(words.join(''));
    }
  }
  return out;
}

interface BrandData {
  brand: BrandSpec;
  rollups: HourlyRollup[];
  recent: Mention[];
}

type TermCounts = { terms: Map<string, number>; total: number };

function countTerms(ms: readonly Mention[], since: number): TermCounts {
  const terms = new Map<string, number>();
  let total = 0;
  for (const m of ms) {
    if (Date.parse(m.publishedAt) < since) continue;
    total++;
    for (const t of m.terms ?? []) terms.set(t, (terms.get(t) ?? 0) + 1);
  }
  return { terms, total };
}

/** The other brands' term counts in the trend window (all brands' less this one's): what a brand's trend must stand out from. */
function backgroundFor(all: TermCounts, own: TermCounts): TermCounts {
  const terms = new Map(all.terms);
  for (const [t, n] of own.terms) terms.set(t, (terms.get(t) ?? 0) - n);
  return { terms, total: all.total - own.total };
}

/** Every brand's count models, fitted together (pooled rhythm and dispersion) on history before the judged window. */
function fitModels(all: readonly BrandData[], now: Date, o: AlertingOptions): Map<string, BrandModels> {
  const end = Math.floor((now.getTime() - longestSpikeWindowMinutes(o.alerts.spike.windowMinutes) * 60_000) / HOUR_MS) * HOUR_MS;
  const firsts = all.flatMap((d) => (d.rollups[0] ? [Date.parse(d.rollups[0].hour)] : []));
  const start = Math.min(end, ...firsts);
  const histories = all.map((d) => historyFromRollups(d.brand.name, d.rollups, start, end));
  return fitBrandModels(histories, o.timezone ?? 'UTC', { windowMinutes: o.alerts.spike.windowMinutes, levelHalfLifeDays: o.alerts.spike.levelHalfLifeDays });
}

/**
 * Evaluate every brand's alert rules and incidents and enqueue what they say. The new alert state (incidents, held
 * alerts, keyword cooldowns) and the outbox entries are committed together, so a crash either keeps both or neither;
 * ids are deterministic, so re-evaluating after a crash cannot enqueue the same message twice.
 */
export async function runAlerting(deps: AlertingDeps, now: Date, changedBrands?: ReadonlySet<string>): Promise<Alert[]> {
  const { store, options } = deps;
  let state: AlertState = parseAlertState((await store.kvGet(STATE_KEY)) ?? emptyAlertState());
  const lastEval = (await store.kvGet<Record<string, string>>(LAST_EVAL_KEY)) ?? {};
  const trendingPrev = (await store.kvGet<Record<string, string[]>>(TRENDING_KEY)) ?? {};
  const log = (await store.kvGet<AlertLogEntry[]>(ALERT_LOG_KEY)) ?? [];
  const oriHistory = (await store.kvGet<Record<string, { at: string; value: number }[]>>(ORI_HISTORY_KEY)) ?? {};
  const pendingKeys = (await store.kvGet<string[]>(PENDING_ALERT_KEY)) ?? [];
  const evaluated = new Set<string>();
  const fired: Alert[] = [];
  const nextEval = { ...lastEval };
  const nextTrending = { ...trendingPrev };
  const spike = options.alerts.spike;
  const lookback = Math.max(longestSpikeWindowMinutes(spike.windowMinutes) * 60_000, TREND_WINDOW_HOURS * HOUR_MS);
  const rollupsSince = new Date(now.getTime() - (spike.baselineDays + 1) * 86_400_000).toISOString();
  const due = (b: BrandSpec): boolean => {
    const last = lastEval[b.name];
    return !changedBrands || changedBrands.has(b.name) || !last || now.getTime() - Date.parse(last) >= IDLE_EVAL_MS;
  };
  if (!deps.brands.some(due)) return [];
  // every brand's history and recent mentions: the models pool them, and each brand's trends stand out from the others'
  const all: BrandData[] = await Promise.all(
    deps.brands.map(async (brand) => ({
      brand,
      rollups: await store.rollups(brand.name, rollupsSince, now.toISOString()),
      recent: await store.queryMentions({ brand: brand.name, since: new Date(now.getTime() - lookback).toISOString(), until: now.toISOString(), limit: 20_000 }),
    })),
  );
  // a surge every other brand shares is the industry's day, not this brand's incident: expected counts follow it
  const at = (ms: readonly Mention[]) => ms.map((m) => ({ t: Date.parse(m.publishedAt) }));
  const fitted = fitModels(all, now, options);
  const industry = industryFactors(
    all.flatMap((d) => {
      const m = fitted.get(d.brand.name);
      return m ? [{ brand: d.brand.name, models: m, count: at(d.recent), negative: at(d.recent.filter((x) => x.sentiment.label === 'negative')) }] : [];
    }),
    now.getTime(),
    longestSpikeWindowMinutes(spike.windowMinutes),
  );
  const models = new Map([...fitted].map(([b, m]) => [b, industry.get(b)?.models ?? m]));
  const excluded = configuredTerms(deps.brands);
  // the longest window a spike is judged on (3 × windowMinutes): its mentions are what the spike verdicts count
  const windowStart = now.getTime() - longestSpikeWindowMinutes(spike.windowMinutes) * 60_000;
  const trendSince = now.getTime() - TREND_WINDOW_HOURS * HOUR_MS;
  const own = new Map(all.map((d) => [d.brand.name, countTerms(d.recent, trendSince)]));
  const everyone = countTerms(all.flatMap((d) => d.recent), trendSince);
  for (const { brand, rollups, recent } of all) {
    if (!due(brand)) continue;
    const last = lastEval[brand.name];
    // mentions fetched since the last evaluation: the recent window, plus any pending one published long before
    const fromWindow = last ? recent.filter((m) => m.fetchedAt > last) : recent;
    const have = new Set(fromWindow.map((m) => m.key));
    const late: Mention[] = [];
    for (const key of pendingKeys) {
      if (!key.startsWith(`${brand.name}|`) || have.has(key)) continue;
      const m = await store.getMention(key);
      if (m) late.push(m);
    }
    const recentMentions = [...fromWindow, ...late];
    evaluated.add(brand.name);
    const [current, previous] = await Promise.all([oriAt(store, brand.name, now, options.ori), oriAt(store, brand.name, new Date(now.getTime() - options.alerts.oriDrop.windowHours * HOUR_MS), options.ori)]);
    const r = evaluateAlerts({
      now,
      brand: {
        name: brand.name,
        competitors: brand.competitors,
        crisisKeywords: brand.crisisKeywords,
        names: [brand.name, ...brand.aliases],
        otherBrandNames: deps.brands.filter((b) => b.name !== brand.name).flatMap((b) => [b.name, ...b.aliases]),
      },
      options: options.alerts,
      rollups,
      windowMentions: recent.filter((m) => Date.parse(m.publishedAt) >= windowStart),
      trendMentions: recent,
      models: models.get(brand.name),
      background: backgroundFor(everyone, own.get(brand.name) ?? { terms: new Map(), total: 0 }),
      excludedTerms: excluded,
      recentMentions,
      // a score with no mentions behind it is the neutral prior (50), not a measurement: no "drop" from it
      ori: { current, previous: previous.effective.total > 0 ? previous : undefined },
      previousTrending: trendingPrev[brand.name] ?? [],
      state,
      timezone: options.timezone,
    });
    state = r.stateUpdates;
    const hist = oriHistory[brand.name] ?? [];
    const lastSnap = hist.at(-1);
    if (!lastSnap || now.getTime() - Date.parse(lastSnap.at) >= HOUR_MS) oriHistory[brand.name] = [...hist, { at: now.toISOString(), value: current.value }].slice(-LOG_DAYS * 24);
    nextEval[brand.name] = now.toISOString();
    nextTrending[brand.name] = r.trending;
    for (const a of r.alerts) fired.push(await phraseSummary(a, { phraser: deps.phraser, logger: deps.logger, metrics: deps.metrics }));
    for (const d of r.decisions) deps.metrics.alerts.inc({ brand: brand.name, rule: d.rule, outcome: d.outcome });
  }
  await store.commit({
    mentions: [],
    seenItemKeys: [],
    sourceStates: {},
    sourceHealth: [],
    outbox: fired.map((a, i) => outboxEntryFor(a, now, i)),
    kv: {
      [STATE_KEY]: state,
      [LAST_EVAL_KEY]: nextEval,
      [TRENDING_KEY]: nextTrending,
      [PENDING_ALERT_KEY]: pendingKeys.filter((k) => !evaluated.has(k.slice(0, k.indexOf('|')))),
      [ORI_HISTORY_KEY]: oriHistory,
      [ALERT_LOG_KEY]: [...log, ...fired.map((a) => ({ id: a.id, brand: a.brand, rule: a.rule, createdAt: a.createdAt }))].filter((e) => now.getTime() - Date.parse(e.createdAt) < LOG_DAYS * 86_400_000),
    },
  });
  for (const a of fired) deps.logger.info({ alert: a.id, rule: a.rule, brand: a.brand, severity: a.severity }, 'Alert raised');
  return fired;
}

export async function muteRule(store: Store, brand: string, rule: string | undefined, until: Date): Promise<void> {
  const state = parseAlertState((await store.kvGet(STATE_KEY)) ?? emptyAlertState());
  await store.kvSet(STATE_KEY, muteInState(state, brand, (rule ?? '*') as MuteTarget, until));
}

export async function unmuteRule(store: Store, brand: string, rule: string | undefined): Promise<void> {
  const state = parseAlertState((await store.kvGet(STATE_KEY)) ?? emptyAlertState());
  await store.kvSet(STATE_KEY, unmuteInState(state, brand, (rule ?? '*') as AlertRule | '*'));
}
