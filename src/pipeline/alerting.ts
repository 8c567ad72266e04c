import type { Logger } from '../shared/logger.js';
import type { Alert, AlertRule, Mention } from '../domain/types.js';
import type { AppConfig } from '../config/load.js';
import type { OutboxEntry, Store } from '../store/store.js';
import type { AlertsOptions } from '../delivery/options.js';
import { evaluateAlerts } from '../delivery/evaluate.js';
import { emptyAlertState, muteRule as muteInState, parseAlertState, unmuteRule as unmuteInState, type AlertState, type MuteTarget } from '../delivery/state.js';
import type { BrandSpec } from './ingest.js';
import { oriAt, type OriSettings } from './ori.js';
import { PENDING_ALERT_KEY } from './poll-cycle.js';

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
  metrics: Record<string, number>;
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

export function outboxEntryFor(alert: Alert, now: Date): OutboxEntry {
  return { id: alert.id, payload: { kind: 'alert', alert }, status: 'pending', attempts: 0, createdAt: now.toISOString(), notBefore: now.toISOString() };
}

/**
 * Evaluate every brand's alert rules and enqueue what fires. The new alert state (cooldowns, held alerts) and the
 * outbox entries are committed together, so a crash either keeps both or neither; alert ids are deterministic, so
 * re-evaluating after a crash cannot enqueue the same alert twice.
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
  for (const brand of deps.brands) {
    const last = lastEval[brand.name];
    const idle = !last || now.getTime() - Date.parse(last) >= IDLE_EVAL_MS;
    if (changedBrands && !changedBrands.has(brand.name) && !idle) continue;
    const lookback = Math.max(options.alerts.spike.windowMinutes / 60, 2) * HOUR_MS;
    const rollupsSince = new Date(now.getTime() - (options.alerts.spike.baselineDays + 1) * 86_400_000).toISOString();
    const [rollups, window] = await Promise.all([
      store.rollups(brand.name, rollupsSince, now.toISOString()),
      store.queryMentions({ brand: brand.name, since: new Date(now.getTime() - lookback).toISOString(), until: now.toISOString(), limit: 5000 }),
    ]);
    // mentions fetched since the last evaluation: the recent window, plus any pending one published long before
    const fromWindow = last ? window.filter((m) => m.fetchedAt > last) : window;
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
    fired.push(...r.alerts);
    for (const d of r.decisions) deps.metrics[`alerts.${d.outcome}`] = (deps.metrics[`alerts.${d.outcome}`] ?? 0) + 1;
  }
  await store.commit({
    mentions: [],
    seenItemKeys: [],
    sourceStates: {},
    sourceHealth: [],
    outbox: fired.map((a) => outboxEntryFor(a, now)),
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
