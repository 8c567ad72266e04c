import { DateTime } from 'luxon';
import { z } from 'zod';
import cron from 'node-cron';
import { tryCompileQuery } from '../matching/query/compile.js';
import { postgresUrl } from './env.js';

/** Shapes of the YAML files in config/. Every key is documented in README.md (Configuration reference). */

const duration = z.number().positive();
const cronExpr = z.string().refine((c) => cron.validate(c), 'expected a cron expression such as "0 9 * * *" (minute hour day month weekday)');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24 h)');
const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA timezone such as Europe/Berlin');

const query = z.string().superRefine((q, ctx) => {
  const r = tryCompileQuery(q);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: `invalid query at position ${r.error.position}: ${r.error.message}` });
});

const eventTime = z.string().refine((s) => DateTime.fromISO(s, { setZone: true }).isValid, { message: 'expected an ISO 8601 date or time, e.g. 2026-11-20 or 2026-11-20T09:00' });
export const brandEvent = z
  .strictObject({ name: z.string().trim().min(1).max(100), start: eventTime, end: eventTime.optional() })
  .refine((e) => e.end === undefined || DateTime.fromISO(e.end) > DateTime.fromISO(e.start), { message: 'end must be after start', path: ['end'] });

export const brandSchema = z.strictObject({
  name: z.string().min(1).max(100),
  aliases: z.array(z.string().min(1)).default([]),
  /** boolean query; when absent the brand matches its name or any alias as a phrase */
  query: query.optional(),
  competitors: z.array(z.string().min(1)).default([]),
  /** topic label -> keywords (offline topics) ; the labels also feed zero-shot topics online */
  topics: z.record(z.string(), z.array(z.string().min(1))).default({}),
  /** search this brand on Reddit when credentials are set */
  reddit: z.boolean().default(true),
  /** extra crisis keywords for this brand */
  crisisKeywords: z.array(z.string().min(1)).default([]),
  /** campaigns and events whose before/after `/impact` and `impact` measure (times in settings.timezone unless given) */
  events: z.array(brandEvent).default([]),
});
export type BrandConfig = z.infer<typeof brandSchema>;

export const brandsFileSchema = z.strictObject({ brands: z.array(brandSchema).min(1) });

const FEED_SCHEMES = ['http', 'https', 'file'];
/** What the fetcher can poll: refused here, not at the first poll. */
export const feedUrl = z.string().superRefine((u, ctx) => {
  if (!URL.canParse(u)) {
    ctx.addIssue({ code: 'custom', message: `"${u}" is not a URL (expected e.g. https://example.com/feed.xml or file:///path/feed.xml)` });
    return;
  }
  const scheme = new URL(u).protocol.replace(/:$/, '');
  if (!FEED_SCHEMES.includes(scheme)) ctx.addIssue({ code: 'custom', message: `a feed cannot be fetched over ${scheme}: (use http, https or file)` });
});

export const feedSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'letters, digits, . _ - only').optional(),
  url: feedUrl,
  intervalSeconds: duration.default(300),
  /** only fetch if the host resolves to a public address (always on for feeds added from chat) */
  publicOnly: z.boolean().default(false),
});
export type FeedConfig = z.infer<typeof feedSchema>;

export const redditSchema = z.strictObject({
  enabled: z.boolean().default(true),
  subreddits: z.array(z.string().regex(/^[A-Za-z0-9_]{2,21}$/, 'a subreddit name without r/')).default([]),
  comments: z.boolean().default(true),
  requestsPerMinute: z.number().int().min(1).max(600).default(60),
  intervalSeconds: duration.default(120),
  userAgent: z.string().optional(),
  apiUrl: z.string().url().default('https://oauth.reddit.com'),
  authUrl: z.string().url().default('https://www.reddit.com'),
  /**
   * without credentials, poll Reddit's public .rss listings (each subreddit's new posts, and a search per brand with
   * reddit: true). Off unless set: the bot sends no request to Reddit that its config does not ask for.
   */
  rssFallback: z.boolean().default(false),
  rssIntervalSeconds: duration.default(600),
  rssUrl: z.string().url().default('https://www.reddit.com'),
});

export const sourcesFileSchema = z.strictObject({
  feeds: z.array(feedSchema).default([]),
  reddit: redditSchema.prefault({}),
  userAgent: z.string().default('brand-listening-bot/0.1 (+https://example.invalid/bot)'),
  timeoutSeconds: duration.default(15),
  /** a feed that brought new items is polled again after this long, backing off to its intervalSeconds while quiet */
  minIntervalSeconds: duration.default(60),
  maxBodyBytes: z.number().int().positive().default(5 * 1024 * 1024),
});

const severity = z.enum(['info', 'warning', 'critical']);

export const alertsSchema = z.strictObject({
  cooldownMinutes: duration.default(60),
  /** alerts below minSeverity are held until quiet hours end */
  quietHours: z
    .strictObject({ start: hhmm, end: hhmm, timezone: timezone.default('UTC'), minSeverity: severity.default('critical') })
    .optional(),
  spike: z
    .strictObject({
      windowMinutes: z.number().int().min(5).max(1440).default(60),
      baselineDays: z.number().int().min(1).max(56).default(14),
      minCount: z.number().int().min(1).default(5),
      /** chance that a normal window reaches the alert level (see docs/FORMULAS.md) */
      pValue: z.number().gt(0).lt(0.5).default(1e-5),
      /** and at least this many times the expected count */
      ratioThreshold: z.number().min(1).default(1.5),
      minAuthors: z.number().int().min(1).default(5),
      /** each author counts at most this many times in a spike window */
      maxPerAuthor: z.number().int().min(1).default(2),
      /** history the baseline must rest on, in (decayed) mentions: not in days */
      minHistoryMentions: z.number().min(0).default(20),
      levelHalfLifeDays: z.number().positive().default(3),
    })
    .prefault({}),
  incidents: z
    .strictObject({ resolveAfterWindows: z.number().int().min(1).default(3), reopenHours: z.number().min(0).default(12) })
    .prefault({}),
  oriDrop: z
    .strictObject({ points: z.number().positive().default(10), windowHours: z.number().positive().default(24), minMentions: z.number().min(0).default(100) })
    .prefault({}),
  /** the negative share of a day against the days before it (docs/FORMULAS.md, "Sentiment shift") */
  sentimentShift: z
    .strictObject({
      windowHours: z.number().int().min(1).max(168).default(24),
      minRise: z.number().gt(0).lt(1).default(0.1),
      pValue: z.number().gt(0).lt(0.5).default(1e-3),
      minMentions: z.number().int().min(1).default(30),
    })
    .prefault({}),
  highReach: z.strictObject({ minEngagement: z.number().nonnegative().default(500) }).prefault({}),
  crisisKeywords: z.array(z.string().min(1)).default(['recall', 'lawsuit', 'breach', 'boycott', 'data leak', 'outage', 'scandal', 'fraud']),
  keywordCooldownHours: z.number().min(0).default(24),
  trending: z
    .strictObject({
      minCount: z.number().int().min(1).default(10),
      minAuthors: z.number().int().min(1).default(8),
      minScore: z.number().positive().default(6),
      minLift: z.number().min(1).default(5),
      maxPerDay: z.number().int().min(0).default(2),
    })
    .prefault({}),
  /** spike forecasts: a brand's counts are unusual and rising, and the upper path reaches the spike level within the horizon */
  forecast: z
    .strictObject({
      enabled: z.boolean().default(false),
      horizonMinutes: z.number().int().min(15).max(360).default(120),
      /** the current window must already be this rare before a rise is projected */
      risingPValue: z.number().gt(0).lt(0.5).default(3e-4),
      /** the rise per half window (observed ÷ expected), at least */
      minGrowth: z.number().min(1).default(1.25),
      cooldownHours: z.number().min(0).default(6),
    })
    .prefault({}),
  /** severities that ping the configured role (Discord) */
  pingSeverity: severity.default('critical'),
});
export type AlertsConfig = z.infer<typeof alertsSchema>;

export const settingsFileSchema = z.strictObject({
  timezone: timezone.default('UTC'),
  digest: z.strictObject({ cron: cronExpr.default('0 9 * * *'), timezone: timezone.optional() }).prefault({}),
  alerts: alertsSchema.prefault({}),
  reputation: z
    .strictObject({
      halfLifeHours: z.number().positive().default(72),
      windowDays: z.number().int().min(1).max(90).default(7),
      baselineDays: z.number().int().min(1).max(90).default(28),
      weights: z
        .strictObject({ sentiment: z.number().min(0).default(0.6), engagement: z.number().min(0).default(0.2), volume: z.number().min(0).default(0.2) })
        .prefault({}),
    })
    .prefault({}),
  retention: z.strictObject({ days: z.number().int().min(1).default(90), cron: cronExpr.default('17 3 * * *') }).prefault({}),
  privacy: z
    .strictObject({
      /** 'pseudonymise' (keyed hash, default), 'drop', or 'keep' (store the raw name) */
      authors: z.enum(['pseudonymise', 'drop', 'keep']).default('pseudonymise'),
    })
    .prefault({}),
  classifier: z
    .strictObject({
      huggingface: z
        .strictObject({
          model: z.string().default('cardiffnlp/twitter-roberta-base-sentiment-latest'),
          multilingualModel: z.string().default('cardiffnlp/twitter-xlm-roberta-base-sentiment'),
          zeroShotModel: z.string().default('facebook/bart-large-mnli'),
          endpointUrl: z.string().url().optional(),
          zeroShotEndpointUrl: z.string().url().optional(),
          multilingualEndpointUrl: z.string().url().optional(),
          labelMap: z.record(z.string(), z.enum(['negative', 'neutral', 'positive'])).default({}),
          batchSize: z.number().int().min(1).max(64).default(16),
          topicThreshold: z.number().min(0).max(1).default(0.5),
          failureThreshold: z.number().int().min(1).default(5),
          cooldownSeconds: z.number().positive().default(60),
          /** a batch the primary model has not answered by then is answered by the offline model (counts as a failure) */
          timeoutSeconds: z.number().positive().default(30),
          /** incident and digest summaries phrased by a chat model from the bot's figures (checked before posting) */
          summaries: z
            .strictObject({
              enabled: z.boolean().default(true),
              model: z.string().default('HuggingFaceTB/SmolLM3-3B'),
              /** an OpenAI-compatible chat server (TGI, vLLM, an Inference Endpoint); default Inference Providers */
              endpointUrl: z.string().url().optional(),
              maxTokens: z.number().int().min(16).max(400).default(120),
              /** a message waits at most this long for its summary, then posts the extractive one */
              timeoutSeconds: z.number().positive().max(60).default(8),
            })
            .prefault({}),
        })
        .prefault({}),
      offline: z
        .strictObject({
          /**
           * decision rule of the shipped model: negative wins when its probability is within this much of the top
           * class's (a missed complaint costs more than a false alarm); 0 = plain argmax. The stored confidence stays
           * the chosen label's calibrated probability. See docs/SENTIMENT-MODEL.md before raising it.
           */
          negativeBias: z.number().min(0).max(0.5).default(0.1),
        })
        .prefault({}),
    })
    .prefault({}),
  discord: z
    .strictObject({
      apiUrl: z.string().url().optional(),
      guildId: z.string().optional(),
      alertChannelId: z.string().optional(),
      digestChannelId: z.string().optional(),
      managerRoleId: z.string().optional(),
      pingRoleId: z.string().optional(),
      /** brand -> channel id; severity -> channel id (override the defaults) */
      brandChannels: z.record(z.string(), z.string()).default({}),
      severityChannels: z.record(z.string(), z.string()).default({}),
    })
    .prefault({}),
  /** where mentions and state are stored: lowdb files under --data (default), or Postgres (DATABASE_URL wins over url) */
  store: z
    .strictObject({
      engine: z.enum(['lowdb', 'postgres']).optional(),
      url: postgresUrl
        .refine((u) => !URL.canParse(u) || new URL(u).password === '', 'no password in config files: put it in DATABASE_URL or PGPASSWORD')
        .optional(),
      schema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a Postgres schema name (lower-case letters, digits, _)').optional(),
    })
    .prefault({}),
  /** read-only health and metrics endpoint (GET /healthz, GET /metrics) */
  http: z
    .strictObject({ enabled: z.boolean().default(false), host: z.string().default('127.0.0.1'), port: z.number().int().min(0).max(65535).default(9464) })
    .prefault({}),
  demo: z
    .strictObject({
      enabled: z.boolean().default(false),
      revealEverySeconds: z.number().positive().default(2),
      /** in demo mode, print each brand's digest this long after start (the cron digest still runs) */
      digestAfterSeconds: z.number().positive().default(40),
    })
    .prefault({}),
});
export type Settings = z.infer<typeof settingsFileSchema>;
