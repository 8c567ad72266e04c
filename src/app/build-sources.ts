import { systemClock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { AppConfig } from '../config/load.js';
import type { MentionSource } from '../sources/source.js';
import { createRssSource } from '../sources/rss/index.js';
import { createRedditContext, createRedditSources, redditRssUrls, type RedditContext, type RedditFreshness } from '../sources/reddit/index.js';
import { effectiveBrands, effectiveFeeds, type RuntimeOverrides } from './runtime-config.js';

/** Reddit's own search syntax: the brand's name and aliases as phrases. */
export function redditQuery(name: string, aliases: string[]): string {
  return [name, ...aliases].map((t) => `"${t.replace(/"/g, '')}"`).join(' OR ');
}

/** Reddit waits out its rate limit inside a poll (up to 120 s); its poll deadline leaves room for that plus a request. */
const REDDIT_MAX_POLL_WAIT_MS = 120_000;
const REDDIT_POLL_DEADLINE_MS = 150_000;

/** The Reddit client, token and request budget: created once per process and shared by every rebuild of the sources. */
export function redditContextFor(config: AppConfig, logger: Logger): RedditContext | undefined {
  const env = config.env;
  const r = config.sources.reddit;
  const hasCreds = env.REDDIT_CLIENT_ID && env.REDDIT_CLIENT_SECRET && (env.REDDIT_REFRESH_TOKEN || (env.REDDIT_USERNAME && env.REDDIT_PASSWORD));
  if (!r.enabled || !hasCreds) return undefined;
  return createRedditContext({
    clientId: env.REDDIT_CLIENT_ID ?? '',
    clientSecret: env.REDDIT_CLIENT_SECRET ?? '',
    refreshToken: env.REDDIT_REFRESH_TOKEN,
    username: env.REDDIT_USERNAME,
    password: env.REDDIT_PASSWORD,
    userAgent: env.REDDIT_USER_AGENT ?? r.userAgent ?? `node:brand-listening-bot:0.1.0 (by /u/unknown)`,
    apiUrl: env.REDDIT_API_URL ?? r.apiUrl,
    authUrl: env.REDDIT_AUTH_URL ?? r.authUrl,
    requestsPerMinute: r.requestsPerMinute,
    logger,
    clock: systemClock,
  });
}

export interface BuiltSources {
  sources: MentionSource[];
  /** per Reddit target: last complete poll, lag, budget pause (for /status) */
  redditFreshness?: () => RedditFreshness[];
}

/** What the public Reddit fallback last announced it polls (kept across rebuilds, so it is logged once, and again only when it changes). */
export interface FallbackAnnouncement {
  polled?: string;
}

/** Every source the bot polls: configured and chat-added feeds, Reddit (API or, when asked for, its public RSS fallback). */
export function buildSources(config: AppConfig, overrides: RuntimeOverrides, logger: Logger, redditContext?: RedditContext, announced: FallbackAnnouncement = {}): BuiltSources {
  const s = config.sources;
  const out: MentionSource[] = effectiveFeeds(config, overrides).map((f) =>
    createRssSource({ id: f.id, url: f.url, intervalSeconds: f.intervalSeconds, publicOnly: f.publicOnly, userAgent: s.userAgent, timeoutMs: s.timeoutSeconds * 1000, maxBytes: s.maxBodyBytes }),
  );
  const r = s.reddit;
  const brands = effectiveBrands(config, overrides)
    .filter((b) => b.reddit)
    .map((b) => ({ name: b.name, query: redditQuery(b.name, b.aliases) }));
  if (!r.enabled) return { sources: out };
  if (redditContext) {
    const reddit = createRedditSources({ context: redditContext, brands, subreddits: r.subreddits, comments: r.comments, intervalSeconds: r.intervalSeconds, logger, maxPollWaitMs: REDDIT_MAX_POLL_WAIT_MS });
    logger.info({ targets: reddit.sources.length }, 'Reddit API source enabled');
    return { sources: [...out, ...reddit.sources.map((x) => ({ ...x, pollDeadlineMs: REDDIT_POLL_DEADLINE_MS }))], redditFreshness: reddit.freshness };
  }
  if (r.rssFallback && (r.subreddits.length > 0 || brands.length > 0)) {
    const urls = redditRssUrls({ baseUrl: r.rssUrl, brands, subreddits: r.subreddits });
    const polled = urls.map((u) => u.url).join('\n');
    if (announced.polled !== polled) {
      announced.polled = polled;
      logger.info({ every: `${r.rssIntervalSeconds} s`, urls: urls.map((u) => u.url) }, `Reddit without credentials (reddit.rssFallback: true): polling ${urls.length} public .rss listing(s)`);
    }
    for (const u of urls) out.push(createRssSource({ id: u.id, url: u.url, intervalSeconds: r.rssIntervalSeconds, userAgent: r.userAgent ?? s.userAgent, timeoutMs: s.timeoutSeconds * 1000, maxBytes: s.maxBodyBytes }));
  }
  return { sources: out };
}
