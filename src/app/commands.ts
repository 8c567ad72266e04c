import type { Logger } from '../shared/logger.js';
import { loadConfig } from '../config/load.js';
import { startJobs, type JobSpec } from '../scheduler/jobs.js';
import { startHealthServer, type HealthServer } from '../http/health-server.js';
import { renderDigestText } from '../delivery/render-text.js';
import { localStamp } from '../delivery/plain-words.js';
import { buildApp, type App } from './build.js';
import { effectiveBrands, effectiveFeeds } from './runtime-config.js';
import { describeChoice, migrateConfiguredStore, storeChoice } from './build-store.js';
import { onceSummary, renderOnceSummary } from './once-summary.js';

export interface CommandOptions {
  configDir: string;
  dataDir: string;
  logger: Logger;
  /** the process environment, read once by the entry point (config/ validates what it needs) */
  env: Record<string, string | undefined>;
}

const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
const DAY_MS = 86_400_000;

function jobSpecs(app: App): JobSpec[] {
  const s = app.config.settings;
  return [
    // listening never waits for chat: the tick stores and evaluates, delivery runs beside it (and every 15 s for retries)
    {
      name: 'tick',
      cron: '*/5 * * * * *',
      run: async (now) => {
        await app.listen(now);
        app.deliverSoon(now);
      },
    },
    { name: 'deliver', cron: '*/15 * * * * *', run: (now) => app.deliver(now) },
    {
      name: 'digest',
      cron: s.digest.cron,
      timezone: s.digest.timezone ?? s.timezone,
      run: async (now) => {
        await app.enqueueDigests(now, undefined, true);
        await app.deliver(now);
      },
    },
    { name: 'retention', cron: s.retention.cron, timezone: s.timezone, run: (now) => app.store.applyRetention(new Date(now.getTime() - s.retention.days * DAY_MS).toISOString()) },
  ];
}

/** Next runs of the jobs as a person reads them: in settings.timezone, to the minute ("digest 2026-12-04 09:00 Europe/Paris"). */
function nextRunsLocal(runs: { name: string; next: string | null }[], zone: string): Record<string, string> {
  return Object.fromEntries(runs.filter((r) => r.name === 'digest' || r.name === 'retention').map((r) => [r.name, r.next ? `${localStamp(r.next, zone)} ${zone}` : 'never']));
}

/** `start`: the long-running bot. Stops gracefully on SIGINT/SIGTERM: no new ticks, the running one finishes, files are closed. */
export async function runStart(o: CommandOptions): Promise<number> {
  const app = await buildApp({ configDir: o.configDir, dataDir: o.dataDir, env: o.env, logger: o.logger });
  const timers: NodeJS.Timeout[] = [];
  // A chat platform that is down at start-up must not stop the listening: mentions are still stored and alerts wait
  // in the outbox; the connection is retried every minute.
  const startSink = async (): Promise<void> => {
    try {
      await app.sink.start();
      o.logger.info({ sink: app.sink.name }, 'Chat connected');
    } catch (e) {
      app.metrics.chatConnectFailures.inc();
      o.logger.error({ sink: app.sink.name, err: e instanceof Error ? e.message : String(e) }, 'Chat unavailable at start-up; retrying in 60 s');
      timers.push(setTimeout(() => void startSink(), 60_000));
    }
  };
  await startSink();
  const jobs = startJobs(jobSpecs(app), o.logger, app.metrics);
  let health: HealthServer | undefined;
  const h = app.config.settings.http;
  if (h.enabled) {
    const token = app.config.env.API_TOKEN;
    health = await startHealthServer({ host: h.host, port: h.port, snapshot: () => healthSnapshot(app), registry: app.metrics.registry, api: { api: app.api, token, logger: o.logger } });
    o.logger.info({ url: health.url, api: token ? `${health.url}/api/v1 (bearer API_TOKEN; /metrics too)` : 'off: set API_TOKEN to serve /api/v1' }, 'Health, metrics and read API endpoint listening');
  }
  o.logger.info({ sources: app.sources().length, brands: effectiveBrands(app.config, app.overrides()).length, sink: app.sink.name, classifier: app.classifier.name, next: nextRunsLocal(jobs.nextRuns(), app.config.settings.timezone) }, 'Bot started');
  void jobs.runNow('tick');
  if (app.config.settings.demo.enabled) {
    timers.push(
      setTimeout(() => {
        void app.enqueueDigests(new Date()).then(() => app.deliver(new Date())).catch((e: unknown) => o.logger.error({ err: String(e) }, 'Demo digest failed'));
      }, app.config.settings.demo.digestAfterSeconds * 1000),
    );
  }
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      o.logger.info({ signal }, 'Shutting down');
      timers.forEach(clearTimeout);
      void (async () => {
        await jobs.stop();
        await app.deliveryIdle();
        await health?.close();
        await app.sink.stop();
        await app.close();
        resolve();
      })();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

/** Healthy unless every source is disabled or failing, or the outbox is backing up. Sets the gauges read at scrape time. */
export async function healthSnapshot(app: App): Promise<{ ok: boolean; details: Record<string, unknown> }> {
  const status = await app.api.status(new Date());
  const disabled = status.sources.filter((s) => s.disabled).length;
  const failing = status.sources.filter((s) => s.disabled || s.consecutiveFailures > 0).length;
  // a gateway that gave up (bad token, intents) leaves commands dead: a human must act; reconnecting is only shown
  const ok = (status.sources.length === 0 || failing < status.sources.length) && status.outboxPending < 100 && status.outboxDead === 0 && status.gateway?.state !== 'down';
  const m = app.metrics;
  m.sources.set({ state: 'ok' }, status.sources.length - failing);
  m.sources.set({ state: 'failing' }, failing - disabled);
  m.sources.set({ state: 'disabled' }, disabled);
  m.outbox.set({ status: 'pending' }, status.outboxPending);
  m.outbox.set({ status: 'dead' }, status.outboxDead);
  m.gatewayReconnectAttempts.set(status.gateway?.attempts ?? 0);
  const gateway = status.gateway ? { gateway: status.gateway } : {};
  return { ok, details: { sources: status.sources.length, sourcesFailing: failing, outboxPending: status.outboxPending, outboxDead: status.outboxDead, classifier: status.classifier, ...gateway } };
}

/**
 * `once`: one cycle (poll every due source, store, evaluate alerts, deliver), then exit, saying what it did on stdout
 * (`--json`: one object; the console sink's chat messages then go to stderr). Exit 1 when every polled source failed.
 */
export async function runOnce(o: CommandOptions & { json?: boolean }): Promise<number> {
  const app = await buildApp({ configDir: o.configDir, dataDir: o.dataDir, env: o.env, logger: o.logger, consoleOutput: o.json ? 'stderr' : 'stdout' });
  try {
    await app.sink.start();
    const now = new Date();
    const r = await app.tick(now);
    const summary = onceSummary(r, app.sources().length, now);
    o.logger.debug({ ...summary }, 'Cycle done');
    out(o.json ? JSON.stringify(summary) : renderOnceSummary(summary));
    return r.failed.length > 0 && r.failed.length === r.polled.length ? 1 : 0;
  } finally {
    await app.sink.stop();
    await app.close();
  }
}

/**
 * `digest [brand] [--date YYYY-MM-DD] [--json]`: print a digest now on stdout (not sent to chat): today so far, or a past
 * local day. `--json` prints one JSON document: the digest of the brand asked for, or an array with every brand's.
 */
export async function runDigest(o: CommandOptions & { brand?: string; json: boolean; date?: string }): Promise<number> {
  const app = await buildApp({ configDir: o.configDir, dataDir: o.dataDir, env: o.env, logger: o.logger, demo: false });
  try {
    const r = await app.api.digest(o.brand, new Date(), o.date);
    if (!r.ok) {
      process.stderr.write(`digest: ${r.error.message}\n`);
      return 2;
    }
    if (o.json) out(JSON.stringify(o.brand ? r.value[0] : r.value));
    else for (const d of r.value) out(renderDigestText(d));
    return 0;
  } finally {
    await app.close();
  }
}

/** `config check`: validate without starting; every problem is listed with file, path and line. */
export function runConfigCheck(o: CommandOptions): Promise<number> {
  const c = loadConfig(o.configDir, { env: o.env, demoUrl: 'http://127.0.0.1:9' });
  const none = { addedBrands: [], removedBrands: [], addedFeeds: [], removedFeeds: [], thresholds: {} };
  const redditCreds = !!(c.env.REDDIT_CLIENT_ID && c.env.REDDIT_CLIENT_SECRET && (c.env.REDDIT_REFRESH_TOKEN || (c.env.REDDIT_USERNAME && c.env.REDDIT_PASSWORD)));
  out(
    [
      `config OK (${o.configDir})`,
      `  brands: ${c.brands.map((b) => b.name).join(', ')}`,
      `  feeds: ${effectiveFeeds(c, none).length}`,
      `  reddit: ${!c.sources.reddit.enabled ? 'off' : redditCreds ? 'API' : c.sources.reddit.rssFallback ? 'public RSS fallback (reddit.rssFallback: true)' : 'off (no credentials; reddit.rssFallback is not set)'}`,
      `  classifier: ${c.env.HF_TOKEN ? `Hugging Face ${c.settings.classifier.huggingface.model} with offline failover` : 'offline model'}`,
      `  chat: ${c.env.DISCORD_TOKEN ? 'Discord' : 'console'}`,
      `  store: ${describeChoice(storeChoice(c, o.dataDir))}`,
      `  digest: "${c.settings.digest.cron}" ${c.settings.digest.timezone ?? c.settings.timezone}`,
      `  http: ${c.settings.http.enabled ? `${c.settings.http.host}:${c.settings.http.port} (/healthz, /metrics; read API /api/v1: ${c.env.API_TOKEN ? 'on, bearer API_TOKEN' : 'off until API_TOKEN is set'})` : 'off'}`,
    ].join('\n'),
  );
  return Promise.resolve(0);
}

/** `migrate`: apply the store's missing migrations (Postgres: the versioned SQL files; lowdb: its meta.json version). */
export async function runMigrate(o: CommandOptions): Promise<number> {
  const c = loadConfig(o.configDir, { env: o.env, demoUrl: 'http://127.0.0.1:9' });
  const r = await migrateConfiguredStore(c, o.dataDir, o.logger);
  out(JSON.stringify(r));
  return 0;
}
