import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The bot's Prometheus metric families, all registered on one Registry made by the composition root and handed to
 * whatever records into it. Names follow the Prometheus conventions: `brandbot_` prefix, snake_case, counters end in
 * `_total`, durations are histograms in seconds, what happened sits in an `outcome` label rather than in the name.
 * The families are listed (with their labels) in the README, section "Metrics".
 */
export interface BotMetrics {
  readonly registry: Registry;
  /** one per source poll; outcome ok | failed */
  readonly polls: Counter<'source' | 'outcome'>;
  /** items a poll returned; outcome new | seen (already stored) | too_old (older than retention) */
  readonly items: Counter<'source' | 'outcome'>;
  /** mentions stored; outcome live (evaluated by the alert rules) | backfill (a source's first poll, silent) */
  readonly mentions: Counter<'brand' | 'outcome'>;
  /** alert decisions of the rules; outcome sent | held | released | muted | cooldown | merged | capped */
  readonly alerts: Counter<'brand' | 'rule' | 'outcome'>;
  /** outbox entries handled; outcome delivered | reconciled (found already delivered) | failed | dead */
  readonly deliveries: Counter<'kind' | 'outcome'>;
  /** scheduled job runs; outcome ok | failed | skipped (still running from its last start) */
  readonly jobs: Counter<'job' | 'outcome'>;
  /** incident and digest summaries for a language model; outcome phrased | rejected (failed the bot's check) | failed | skipped (circuit open) */
  readonly summaries: Counter<'outcome'>;
  /** failed attempts to connect to the chat platform */
  readonly chatConnectFailures: Counter;
  readonly pollSeconds: Histogram<'source'>;
  readonly classifySeconds: Histogram;
  readonly commitSeconds: Histogram;
  readonly deliverySeconds: Histogram<'kind'>;
  readonly jobSeconds: Histogram<'job'>;
  /** state read at scrape time (set by the health snapshot) */
  readonly sources: Gauge<'state'>;
  readonly outbox: Gauge<'status'>;
  readonly gatewayReconnectAttempts: Gauge;
}

/** Label values known at start-up: their series are exported at 0 from the first scrape, not after a first event. */
export interface KnownLabels {
  sources?: readonly string[];
  brands?: readonly string[];
  rules?: readonly string[];
  jobs?: readonly string[];
}

export const POLL_OUTCOMES = ['ok', 'failed'] as const;
export const ITEM_OUTCOMES = ['new', 'seen', 'too_old'] as const;
export const MENTION_OUTCOMES = ['live', 'backfill'] as const;
export const ALERT_OUTCOMES = ['sent', 'held', 'released', 'muted', 'cooldown', 'merged', 'capped'] as const;
export const DELIVERY_KINDS = ['alert', 'update', 'digest', 'notice'] as const;
export const DELIVERY_OUTCOMES = ['delivered', 'reconciled', 'failed', 'dead'] as const;
export const JOB_OUTCOMES = ['ok', 'failed', 'skipped'] as const;

/** Seconds: a fast local step (a commit, a local classifier batch) up to a slow feed or a remote model. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export interface MetricsOptions {
  /** process_* and nodejs_* families of prom-client (default true; unit tests that build many registries turn it off) */
  processMetrics?: boolean;
}

export function createMetrics(registry: Registry, known: KnownLabels = {}, options: MetricsOptions = {}): BotMetrics {
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> => new Counter({ name, help, labelNames, registers });
  const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[]): Histogram<L> => new Histogram({ name, help, labelNames, buckets: BUCKETS, registers });
  const m: BotMetrics = {
    registry,
    polls: counter('brandbot_polls_total', 'Source polls, by source and outcome (ok, failed).', ['source', 'outcome']),
    items: counter('brandbot_items_total', 'Items returned by source polls, by source and outcome (new, seen, too_old).', ['source', 'outcome']),
    mentions: counter('brandbot_mentions_total', 'Mentions stored, by brand and outcome (live; backfill = a source\'s first poll, stored without alerts).', ['brand', 'outcome']),
    alerts: counter('brandbot_alert_decisions_total', 'Alert rule decisions, by brand, rule and outcome (sent, held, released, muted, cooldown, merged, capped).', ['brand', 'rule', 'outcome']),
    deliveries: counter('brandbot_deliveries_total', 'Outbox entries handled, by kind (alert, update, digest, notice) and outcome (delivered, reconciled, failed, dead).', ['kind', 'outcome']),
    jobs: counter('brandbot_job_runs_total', 'Scheduled job runs, by job and outcome (ok, failed, skipped).', ['job', 'outcome']),
    summaries: counter('brandbot_summary_phrasing_total', 'Summaries for a language model to word, by outcome (phrased; rejected = failed the bot\'s check; failed = error or timeout; skipped = circuit open).', ['outcome']),
    chatConnectFailures: new Counter({ name: 'brandbot_chat_connect_failures_total', help: 'Failed attempts to connect to the chat platform.', registers }),
    pollSeconds: histogram('brandbot_poll_duration_seconds', 'Time to poll one source (fetch and parse), in seconds.', ['source']),
    classifySeconds: histogram('brandbot_classify_duration_seconds', 'Time to classify one batch of texts, in seconds.', []),
    commitSeconds: histogram('brandbot_commit_duration_seconds', 'Time to commit one poll cycle to the store, in seconds.', []),
    deliverySeconds: histogram('brandbot_delivery_duration_seconds', 'Time to deliver one outbox entry to chat, in seconds.', ['kind']),
    jobSeconds: histogram('brandbot_job_duration_seconds', 'Time of one scheduled job run, in seconds.', ['job']),
    sources: new Gauge({ name: 'brandbot_sources', help: 'Configured sources, by state (ok, failing, disabled).', labelNames: ['state'], registers }),
    outbox: new Gauge({ name: 'brandbot_outbox_entries', help: 'Outbox entries waiting (pending) or dead-lettered (dead).', labelNames: ['status'], registers }),
    gatewayReconnectAttempts: new Gauge({ name: 'brandbot_gateway_reconnect_attempts', help: 'Reconnection attempts of the chat gateway since it was last ready.', registers }),
  };
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  for (const s of ['ok', 'failing', 'disabled']) m.sources.set({ state: s }, 0);
  for (const s of ['pending', 'dead']) m.outbox.set({ status: s }, 0);
  for (const k of DELIVERY_KINDS) for (const outcome of DELIVERY_OUTCOMES) m.deliveries.inc({ kind: k, outcome }, 0);
  for (const outcome of JOB_OUTCOMES) for (const job of known.jobs ?? []) m.jobs.inc({ job, outcome }, 0);
  m.chatConnectFailures.inc(0);
  for (const outcome of ['phrased', 'rejected', 'failed', 'skipped']) m.summaries.inc({ outcome }, 0);
  m.gatewayReconnectAttempts.set(0);
  initSources(m, known.sources ?? []);
  initBrands(m, known.brands ?? [], known.rules ?? []);
  return m;
}

/** Export a source's series at 0 (at start, and for a feed added at run time). */
export function initSources(m: BotMetrics, sources: readonly string[]): void {
  for (const source of sources) {
    for (const outcome of POLL_OUTCOMES) m.polls.inc({ source, outcome }, 0);
    for (const outcome of ITEM_OUTCOMES) m.items.inc({ source, outcome }, 0);
  }
}

/** Export a brand's series at 0; alert decisions for each rule and the outcomes that mean "raised" or "suppressed". */
export function initBrands(m: BotMetrics, brands: readonly string[], rules: readonly string[]): void {
  for (const brand of brands) {
    for (const outcome of MENTION_OUTCOMES) m.mentions.inc({ brand, outcome }, 0);
    for (const rule of rules) for (const outcome of ALERT_OUTCOMES) m.alerts.inc({ brand, rule, outcome }, 0);
  }
}

/** Metrics on a fresh registry without process metrics (tests, benches, tools that never serve /metrics). */
export function scratchMetrics(known: KnownLabels = {}): BotMetrics {
  return createMetrics(new Registry(), known, { processMetrics: false });
}

/** Seconds since a performance.now() reading. */
export const secondsSince = (startMs: number): number => (performance.now() - startMs) / 1000;

/** The current value of one series of a counter or gauge (0 when it does not exist). */
export async function valueOf(metric: Counter | Gauge, labels: Record<string, string> = {}): Promise<number> {
  const { values } = await metric.get();
  const match = values.find((v) => Object.keys(labels).every((k) => String(v.labels[k]) === labels[k]) && Object.keys(v.labels).length === Object.keys(labels).length);
  return match?.value ?? 0;
}

/** The sum of a counter over every series whose labels include `labels`. */
export async function sumOf(metric: Counter | Gauge, labels: Record<string, string> = {}): Promise<number> {
  const { values } = await metric.get();
  return values.filter((v) => Object.keys(labels).every((k) => String(v.labels[k]) === labels[k])).reduce((s, v) => s + v.value, 0);
}

/** How many observations one series of a histogram holds. */
export async function observationsOf(metric: Histogram, labels: Record<string, string> = {}): Promise<number> {
  const { values } = await metric.get();
  return values
    .filter((v) => v.metricName?.endsWith('_count') && Object.keys(labels).every((k) => String(v.labels[k]) === labels[k]))
    .reduce((s, v) => s + v.value, 0);
}
