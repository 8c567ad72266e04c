import { randomBytes } from 'node:crypto';
import { Mutex } from 'async-mutex';
import type { Logger } from '../shared/logger.js';
import { loadConfig } from '../config/load.js';
import type { TopicTagger } from '../classify/topics.js';
import type { ChatSink } from '../chat/sink.js';
import type { Alert } from '../domain/types.js';
import type { MentionSource } from '../sources/source.js';
import type { Store } from '../store/store.js';
import type { BotApi } from '../chat/api.js';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { runPollCycle, type PollCycleReport } from '../pipeline/poll-cycle.js';
import { dispatchOutbox, type DispatchReport } from '../pipeline/dispatch.js';
import { runAlerting, alertingOptions } from '../pipeline/alerting.js';
import { enqueueDigests } from '../pipeline/digests.js';
import { authorKey } from './author-key.js';
import { pseudonymiseAuthor } from '../matching/identity.js';
import { effectiveBrands, loadOverrides } from './runtime-config.js';
import { buildClassifiers } from './build-classify.js';
import { buildSources, redditContextFor } from './build-sources.js';
import type { RedditFreshness } from '../sources/reddit/index.js';
import { buildSink } from './build-sink.js';
import { createBotApi, type BotApiDeps } from './bot-api.js';
import { reenableSources } from './source-health.js';
import { openConfiguredStore } from './build-store.js';
import { Registry } from 'prom-client';
import { createMetrics, initBrands, initSources, type BotMetrics } from '../shared/metrics.js';
import { RULES } from '../delivery/evaluate.js';
import type { PhrasingDeps } from '../pipeline/phrasing.js';

export interface BuildOptions {
  configDir: string;
  dataDir: string;
  env: Record<string, string | undefined>;
  logger: Logger;
  /** replace the chat sink (tests, replay) */
  sink?: ChatSink;
  /** start the demo feed server when settings.demo.enabled (default true) */
  demo?: boolean;
  /** poll these instead of the configured sources (replay) */
  sources?: MentionSource[];
  /** a source's first poll is stored without alerts (default true; replay turns it off) */
  silentFirstPoll?: boolean;
  /** use this store instead of the configured one (lowdb under dataDir, or Postgres) (replay dry runs, the alert benchmark, tests) */
  store?: Store;
  /** where the console sink prints chat messages (default stdout; `once --json` keeps stdout for its one object) */
  consoleOutput?: 'stdout' | 'stderr';
  /** export process_* and nodejs_* metrics (default true) */
  processMetrics?: boolean;
}

/** What one listening round did: the poll cycle and the alerts it raised (queued in the outbox). */
export interface ListenReport extends PollCycleReport {
  alerts: Alert[];
}

/** What one tick did: a listening round, and what the delivery round after it sent. */
export interface TickReport extends ListenReport {
  delivery: DispatchReport;
}

/** The running bot: what the API needs (BotApiDeps), plus the pipeline's entry points the jobs and commands call. */
export interface App extends BotApiDeps {
  topics: TopicTagger;
  api: BotApi;
  /** the bot's metric families, on the one registry that /metrics serves */
  metrics: BotMetrics;
  /** poll due sources, store, evaluate alerts, deliver the outbox */
  tick(now: Date): Promise<TickReport>;
  /** poll due sources, store, evaluate alerts (queued in the outbox): what the long-running bot does on its own loop */
  listen(now: Date): Promise<ListenReport>;
  /**
   * Deliver the outbox in the background, so a chat outage or rate limit never holds up listening: one round at a
   * time; a request made during a round runs one more round after it. close() waits for it.
   */
  deliverSoon(now: Date): void;
  /** resolves once no background delivery round is running (a graceful stop waits for it before the sink stops) */
  deliveryIdle(): Promise<void>;
  /** evaluate alerts and deliver without polling */
  alertAndDeliver(now: Date, changedBrands?: ReadonlySet<string>): Promise<{ alerts: Alert[]; delivery: DispatchReport }>;
  enqueueDigests(now: Date, brand?: string, scheduled?: boolean): Promise<number>;
  /** who phrases summaries (a chat model with HF_TOKEN, else none: the extractive text) */
  phrasing: PhrasingDeps;
  deliver(now: Date): Promise<DispatchReport>;
  close(): Promise<void>;
}

/** The composition root: the only place that knows every adapter. */
export async function buildApp(o: BuildOptions): Promise<App> {
  // Validate everything first (fail fast, every bad key named), then open the store (a data directory in use fails
  // here, before anything else has started), then start the demo server if the config asks for it.
  let config = loadConfig(o.configDir, { env: o.env, demoUrl: 'http://127.0.0.1:9' });
  const store: Store = o.store ?? (await openConfiguredStore(config, o.dataDir, o.logger));
  let demo: DemoServer | undefined;
  if (config.settings.demo.enabled && o.demo !== false) {
    try {
      demo = await startDemoServer({ revealEveryMs: config.settings.demo.revealEverySeconds * 1000 });
    } catch (e) {
      if (!o.store) await store.close();
      throw e;
    }
    config = loadConfig(o.configDir, { env: o.env, demoUrl: demo.url });
    o.logger.info({ url: demo.url }, 'Demo feed server started (bundled sample, revealed progressively)');
  }
  await reenableSources(store, o.logger);
  // an injected store keeps nothing on disk: a throwaway key pseudonymises consistently within the run
  const key = o.store ? (config.env.AUTHOR_HASH_KEY ?? randomBytes(32).toString('hex')) : authorKey(o.dataDir, config.env.AUTHOR_HASH_KEY);
  // a human is told when inference fails over to the offline model, and when it recovers
  const notifyClassifier = (state: string, name: string, role: 'sentiment' | 'summaries' = 'sentiment'): void => {
    if (state === 'half-open') return;
    const now = new Date();
    const down = state === 'open';
    const what = role === 'sentiment' ? 'Sentiment inference' : 'Summary model';
    const notice = {
      id: `classifier:${name}:${state}:${now.toISOString()}`,
      level: down ? ('warning' as const) : ('info' as const),
      title: down ? `${what} unavailable: ${name}` : `${what} recovered: ${name}`,
      text: down
        ? role === 'sentiment'
          ? `${name} failed repeatedly; mentions are classified by the offline model until it recovers (checked again after the cool-down). Check HF_TOKEN, the endpoint and its status.`
          : `${name} failed repeatedly; summaries are the bot's own extractive text until it recovers (checked again after the cool-down). Check HF_TOKEN, the summary endpoint and its status.`
        : role === 'sentiment'
          ? `${name} answers again and classifies new mentions.`
          : `${name} answers again and phrases summaries.`,
      createdAt: now.toISOString(),
    };
    store.outboxEnqueue([{ id: notice.id, payload: { kind: 'notice', notice }, status: 'pending', attempts: 0, createdAt: notice.createdAt, notBefore: notice.createdAt }]).catch((e: unknown) => o.logger.error({ err: String(e) }, 'Could not enqueue classifier notice'));
  };
  // a missing model file must not leave the demo server holding the process open, nor the data directory locked
  const { classifier, topics, detectLanguages, phraser } = await buildClassifiers(config, o.logger, notifyClassifier).catch(async (e: unknown) => {
    await demo?.close();
    if (!o.store) await store.close();
    throw e;
  });
  let overrides = await loadOverrides(store);
  let firstTick = true;
  // one delivery at a time (the tick, the deliver job and digests all deliver: two at once could send an entry twice),
  // and one writer of the alert state at a time (an evaluation must not overwrite a mute pressed meanwhile)
  const deliverLock = new Mutex();
  const alertLock = new Mutex();
  const chat = o.sink ? { sink: o.sink } : await buildSink(config, o.logger, o.dataDir, o.consoleOutput === 'stderr' ? (t) => void process.stderr.write(t) : undefined);
  const sink = chat.sink;
  const redditContext = o.sources ? undefined : redditContextFor(config, o.logger);
  let redditFreshness: (() => RedditFreshness[]) | undefined;
  const fallbackAnnounced = {};
  const rebuildSources = (): MentionSource[] => {
    if (o.sources) return o.sources;
    const built = buildSources(config, overrides, o.logger, redditContext, fallbackAnnounced);
    redditFreshness = built.redditFreshness;
    return built.sources;
  };
  let sources = rebuildSources();
  const metrics = createMetrics(
    new Registry(),
    { sources: sources.map((s) => s.id), brands: effectiveBrands(config, overrides).map((b) => b.name), rules: Object.keys(RULES), jobs: ['tick', 'deliver', 'digest', 'retention'] },
    { processMetrics: o.processMetrics },
  );
  const evaluate = (now: Date, changed?: ReadonlySet<string>): Promise<Alert[]> =>
    alertLock.runExclusive(() => runAlerting({ store, logger: o.logger, brands: effectiveBrands(config, overrides), options: alertingOptions(config, overrides), metrics, phraser }, now, changed));
  // the background delivery of the long-running bot (deliverSoon)
  let background: Promise<void> | undefined;
  let again = false;
  let latest = new Date();
  const core: Omit<App, 'api'> = {
    config,
    store,
    sink,
    classifier,
    topics,
    authorPseudonym: (raw) => pseudonymiseAuthor(raw, key),
    metrics,
    startedAt: new Date(),
    sources: () => sources,
    redditFreshness: () => redditFreshness?.() ?? [],
    overrides: () => overrides,
    setOverrides: async (next) => {
      overrides = next;
      await store.kvSet('runtime.overrides', next);
      sources = rebuildSources();
      // a feed or brand added from chat is exported at 0 from now on, like the configured ones
      initSources(metrics, sources.map((s) => s.id));
      initBrands(metrics, effectiveBrands(config, overrides).map((b) => b.name), Object.keys(RULES));
    },
    tick: async (now) => {
      const heard = await core.listen(now);
      return { ...heard, delivery: await core.deliver(now) };
    },
    listen: async (now) => {
      const report = await runPollCycle(
        {
          store,
          logger: o.logger,
          sources: () => sources,
          ingest: () => ({ brands: effectiveBrands(config, overrides), classifier, topics, detectLanguages, authors: config.settings.privacy.authors, authorKey: key }),
          random: Math.random,
          pollDeadlineMs: (config.sources.timeoutSeconds + 15) * 1000,
          minIntervalSeconds: config.sources.minIntervalSeconds,
          concurrency: 4,
          silentFirstPoll: o.silentFirstPoll ?? true,
          maxItemAgeDays: config.settings.retention.days,
          metrics,
        },
        now,
      );
      // the first tick of a process evaluates every brand: a crash may have stored mentions that were never evaluated
      const alerts = await evaluate(now, firstTick ? undefined : new Set(report.brands));
      firstTick = false;
      return { ...report, alerts };
    },
    alertAndDeliver: async (now, changed) => {
      const alerts = await evaluate(now, changed);
      return { alerts, delivery: await core.deliver(now) };
    },
    deliverSoon: (now) => {
      latest = now;
      if (background) {
        again = true;
        return;
      }
      background = (async () => {
        do {
          again = false;
          await core.deliver(latest).catch((e: unknown) => o.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'Delivery round failed; the outbox keeps the entries'));
        } while (again);
      })().finally(() => (background = undefined));
    },
    withAlertState: (fn) => alertLock.runExclusive(fn),
    phrasing: { phraser, logger: o.logger, metrics },
    enqueueDigests: (now, brand, scheduled) => enqueueDigests({ store, brands: effectiveBrands(config, overrides), settings: config.settings, classifierName: classifier.name, phrasing: core.phrasing }, now, brand, scheduled),
    deliver: (now) => deliverLock.runExclusive(() => dispatchOutbox({ store, sink, logger: o.logger, metrics }, now)),
    deliveryIdle: async () => {
      while (background) await background;
    },
    close: async () => {
      await core.deliveryIdle();
      await store.close();
      await demo?.close();
    },
  };
  const app: App = { ...core, api: createBotApi(core, o.logger) };
  // the chat front-end (commands, buttons) answers through the API; the sink itself only delivers
  chat.startFrontEnd?.(app.api);
  return app;
}

