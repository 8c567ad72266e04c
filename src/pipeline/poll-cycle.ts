import type { Logger } from '../shared/logger.js';
import type { Notice, RawItem } from '../domain/types.js';
import type { MentionSource, SourceState } from '../sources/source.js';
import type { CycleBatch, OutboxEntry, SourceHealth, Store } from '../store/store.js';
import { afterFailure, afterSuccess, emptyHealth, isDue } from './poll-plan.js';
import { buildMentions, keyItems, type IngestOptions } from './ingest.js';
import { oneLine } from '../shared/text.js';
import { describeFailure, isInternalError } from '../shared/errors.js';
import { secondsSince, type BotMetrics } from '../shared/metrics.js';
import { mapLimit } from '../shared/map-limit.js';

/** keys of stored mentions not yet seen by the alert rules (a late-published mention is still evaluated) */
export const PENDING_ALERT_KEY = 'alerts.pendingMentions';
const MAX_PENDING = 20_000;

export interface PollCycleDeps {
  store: Store;
  logger: Logger;
  sources: () => MentionSource[];
  ingest: () => IngestOptions;
  random: () => number;
  /** hard deadline for one source's poll (its own fetch timeout is shorter) */
  pollDeadlineMs: number;
  concurrency: number;
  /** items published longer ago than this are ignored: retention has deleted (or will delete) their day, and with it
   *  the record that they were seen, so storing them would bring them back again and again */
  maxItemAgeDays?: number;
  /** a source's first poll is stored as backfill (no per-mention alerts); default true */
  silentFirstPoll?: boolean;
  /** the bot's metric families (polls, items, mentions, classify and commit durations) */
  metrics: BotMetrics;
  /** a feed that brought new items is polled again after this long (at most its interval); default: its interval */
  minIntervalSeconds?: number;
}

export interface PollCycleReport {
  polled: string[];
  failed: { sourceId: string; error: string }[];
  newItems: number;
  mentions: number;
  backfilled: number;
  disabled: string[];
  /** brands that got new mentions */
  brands: string[];
}

interface PollOutcome {
  source: MentionSource;
  health: SourceHealth;
  items: RawItem[];
  state?: SourceState;
  backfill: boolean;
  error?: string;
}

async function pollOne(source: MentionSource, health: SourceHealth, deps: PollCycleDeps, now: Date): Promise<PollOutcome> {
  const backfill = deps.silentFirstPoll !== false && !health.lastSuccessAt;
  const started = performance.now();
  try {
    const state = await deps.store.sourceState(source.id);
    const deadline = source.pollDeadlineMs ?? deps.pollDeadlineMs;
    const signal = AbortSignal.timeout(deadline);
    const r = await Promise.race([
      source.poll({ now, signal, state }),
      new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error(`poll exceeded ${deadline} ms`)), { once: true })),
    ]);
    for (const w of r.warnings ?? []) deps.logger.warn({ source: source.id, warning: w }, 'Source item skipped or repaired');
    const items = r.items.map((i) => ({ ...i, sourceId: source.id, sourceKind: source.kind }));
    deps.metrics.polls.inc({ source: source.id, outcome: 'ok' });
    return { source, health, items, state: r.state, backfill };
  } catch (e) {
    const error = describeFailure(e);
    if (isInternalError(e)) deps.logger.error({ source: source.id, err: e }, 'Source failed with an internal error');
    deps.metrics.polls.inc({ source: source.id, outcome: 'failed' });
    return { source, health, items: [], backfill, error };
  } finally {
    deps.metrics.pollSeconds.observe({ source: source.id }, secondsSince(started));
  }
}

function disabledNotice(h: SourceHealth, source: MentionSource, now: Date, seq: number): OutboxEntry {
  const notice: Notice = {
    id: `source-disabled:${h.sourceId}:${now.toISOString()}`,
    level: 'error',
    title: `Source disabled: ${h.sourceId}`,
    text: `${source.describe} failed ${h.consecutiveFailures} times in a row and is no longer polled. Last error: ${h.lastError ?? 'unknown'}. Fix the source, then re-enable it (remove and add it again, or restart the bot).`,
    createdAt: now.toISOString(),
  };
  return { id: notice.id, payload: { kind: 'notice', notice }, status: 'pending', attempts: 0, createdAt: now.toISOString(), seq, notBefore: now.toISOString() };
}

/** Poll every due source, turn new items into mentions, and commit all of it in one batch. */
export async function runPollCycle(deps: PollCycleDeps, now: Date): Promise<PollCycleReport> {
  const healthById = new Map((await deps.store.sourceHealth()).map((h) => [h.sourceId, h]));
  const due = deps.sources().filter((s) => isDue(healthById.get(s.id) ?? emptyHealth(s.id), now));
  // at most `concurrency` polls in flight, so one stalled source never stalls the others (pollOne never rejects)
  const outcomes = await mapLimit(due, deps.concurrency, (s) => pollOne(s, healthById.get(s.id) ?? emptyHealth(s.id), deps, now));
  const report: PollCycleReport = { polled: due.map((s) => s.id), failed: [], newItems: 0, mentions: 0, backfilled: 0, disabled: [], brands: [] };
  const batch: CycleBatch = { mentions: [], seenItemKeys: [], sourceStates: {}, sourceHealth: [], outbox: [], kv: {} };
  const candidates: { item: RawItem; backfill: boolean }[] = [];
  const succeeded: typeof outcomes = [];
  for (const o of outcomes) {
    if (o.error !== undefined) {
      const h = afterFailure(o.health, o.error, now, deps.random);
      deps.logger.warn({ source: o.source.id, failures: h.consecutiveFailures, nextPollAt: h.nextPollAt, err: o.error }, 'Source poll failed');
      report.failed.push({ sourceId: o.source.id, error: o.error });
      if (h.disabled && !o.health.disabled) {
        report.disabled.push(o.source.id);
        batch.outbox.push(disabledNotice(h, o.source, now, batch.outbox.length));
        deps.logger.error({ source: o.source.id }, 'Source disabled after repeated failures');
      }
      batch.sourceHealth.push(h);
      continue;
    }
    if (o.state) batch.sourceStates[o.source.id] = o.state;
    for (const item of o.items) candidates.push({ item, backfill: o.backfill });
    succeeded.push(o);
  }
  const cutoff = deps.maxItemAgeDays ? now.getTime() - deps.maxItemAgeDays * 86_400_000 : -Infinity;
  const recent = candidates.filter((c) => !c.item.publishedAt || Date.parse(c.item.publishedAt) >= cutoff);
  const kept = new Set(recent);
  for (const c of candidates) if (!kept.has(c)) deps.metrics.items.inc({ source: c.item.sourceId, outcome: 'too_old' });
  const keyed = keyItems(recent);
  const already = await deps.store.seenItems(keyed.map((k) => k.key));
  const fresh = keyed.filter((k) => !already.has(k.key));
  for (const k of keyed) deps.metrics.items.inc({ source: k.item.sourceId, outcome: already.has(k.key) ? 'seen' : 'new' });
  report.newItems = fresh.length;
  // a feed that brought something new is polled again soon; a quiet one backs off to its interval (poll-plan.ts)
  const freshBy = new Map<string, number>();
  for (const k of fresh) freshBy.set(k.item.sourceId, (freshBy.get(k.item.sourceId) ?? 0) + 1);
  for (const o of succeeded) {
    const floor = o.source.kind === 'rss' ? deps.minIntervalSeconds : undefined;
    batch.sourceHealth.push(afterSuccess(o.health, o.source.intervalSeconds, now, freshBy.get(o.source.id) ?? 0, deps.random, floor));
  }
  batch.seenItemKeys = fresh.map((k) => k.key);
  batch.mentions = await buildMentions(fresh, { ...deps.ingest(), observeClassify: (s) => deps.metrics.classifySeconds.observe(s) }, now);
  report.mentions = batch.mentions.length;
  report.backfilled = batch.mentions.filter((m) => m.backfill).length;
  report.brands = [...new Set(batch.mentions.map((m) => m.brand))];
  // new (non-backfill) mentions wait for alert evaluation in the same commit, whatever their publication time
  const live = batch.mentions.filter((m) => !m.backfill).map((m) => m.key);
  if (live.length > 0) batch.kv[PENDING_ALERT_KEY] = [...((await deps.store.kvGet<string[]>(PENDING_ALERT_KEY)) ?? []), ...live].slice(-MAX_PENDING);
  const committing = performance.now();
  await deps.store.commit(batch);
  deps.metrics.commitSeconds.observe(secondsSince(committing));
  for (const m of batch.mentions) deps.metrics.mentions.inc({ brand: m.brand, outcome: m.backfill ? 'backfill' : 'live' });
  if (batch.mentions.length > 0) deps.logger.info({ mentions: batch.mentions.length, backfill: report.backfilled, items: fresh.length }, 'Stored new mentions');
  for (const m of batch.mentions.filter((x) => !x.backfill).slice(0, 50)) {
    const s = m.sentiment;
    deps.logger.info({ brand: m.brand, sentiment: s.label, confidence: Math.round(s.confidence * 100) / 100, source: m.sourceId, url: m.url }, `Mention: [${m.brand}] ${s.label} — ${oneLine(m.title)}`);
  }
  return report;
}
