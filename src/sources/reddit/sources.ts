import type { Logger } from '../../shared/logger.js';
import type { MentionSource, PollContext, PollResult } from '../source.js';
import { RequestBudget } from './budget.js';
import { RedditClient, type RetryOptions } from './client.js';
import { pollListing } from './cursor.js';
import { fetchListing, type FetchPage } from './fetch-listing.js';
import { parseComment, parsePost, type ParseResult } from './items.js';
import { isRedditUserAgent } from './user-agent.js';

export interface RedditSourcesOptions {
  clientId: string;
  clientSecret: string;
  refreshToken?: string;
  username?: string;
  password?: string;
  /** `<platform>:<app id>:<version> (by /u/<name>)` */
  userAgent: string;
  apiUrl: string;
  authUrl: string;
  /** query: a Reddit search query built from the brand's name and aliases (see redditSearchQuery) */
  brands: { name: string; query: string }[];
  subreddits: string[];
  comments: boolean;
  requestsPerMinute: number;
  intervalSeconds: number;
  logger: Logger;
  now?: () => Date;
  /** length of a minute for the budget (tests scale time with it; default 60 000) */
  minuteMs?: number;
  retry?: RetryOptions;
  /** items per request, at most 100 (default 100) */
  pageLimit?: number;
  /** pages one poll may read to reach its cursor (default 10: Reddit serves about 1000 items per listing) */
  maxPages?: number;
  /** pages read on a target's first poll (default 1) */
  firstPollPages?: number;
  /** how far below the newest seen created_utc each poll looks for late arrivals (default 120 s; 900 s for search, whose index lags) */
  overlapSeconds?: number;
  requestTimeoutMs?: number;
}

export interface RedditFreshness {
  target: string;
  lastPolledAt?: string;
  /** seconds since the last successful poll */
  lagSeconds?: number;
}

interface Target {
  id: string;
  describe: string;
  uri: string;
  qs: Record<string, string | number | boolean>;
  parse: (child: unknown, source: { id: string }) => ParseResult;
  overlapSeconds: number;
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'brand';

function targets(o: RedditSourcesOptions): Target[] {
  const out: Target[] = o.brands.map((b) => ({
    id: `reddit-search-${slug(b.name)}`,
    describe: `Reddit search for ${b.name}: ${b.query}`,
    uri: 'search',
    qs: { q: b.query, sort: 'new', t: 'all', type: 'link' },
    parse: parsePost,
    overlapSeconds: o.overlapSeconds ?? 900,
  }));
  const overlapSeconds = o.overlapSeconds ?? 120;
  for (const sub of o.subreddits) {
    out.push({ id: `reddit-r-${sub.toLowerCase()}-posts`, describe: `r/${sub} new posts`, uri: `r/${sub}/new`, qs: {}, parse: parsePost, overlapSeconds });
    if (o.comments) {
      out.push({ id: `reddit-r-${sub.toLowerCase()}-comments`, describe: `r/${sub} new comments`, uri: `r/${sub}/comments`, qs: {}, parse: parseComment, overlapSeconds });
    }
  }
  return out;
}

/** One MentionSource per target (brand search, subreddit posts, subreddit comments), all sharing one client and budget. */
export function createRedditSources(o: RedditSourcesOptions): { sources: MentionSource[]; freshness(): RedditFreshness[]; budget: RequestBudget } {
  const now = o.now ?? (() => new Date());
  if (!isRedditUserAgent(o.userAgent)) {
    o.logger.warn({ userAgent: o.userAgent }, 'Reddit user agent should look like <platform>:<app id>:<version> (by /u/<name>)');
  }
  const budget = new RequestBudget({ requestsPerMinute: o.requestsPerMinute, minuteMs: o.minuteMs });
  const client = new RedditClient({ ...o, budget, retry: o.retry, requestTimeoutMs: o.requestTimeoutMs });
  const limit = Math.min(100, Math.max(1, o.pageLimit ?? 100));
  const lastPolled = new Map<string, Date>();
  const all = targets(o);

  const sources = all.map((t): MentionSource => {
    const self = { id: t.id };
    const fetchPage: FetchPage = (after) => fetchListing(client, t.uri, { ...t.qs, limit, ...(after ? { after } : {}) });
    return {
      id: t.id,
      kind: 'reddit',
      intervalSeconds: o.intervalSeconds,
      describe: t.describe,
      async poll(ctx: PollContext): Promise<PollResult> {
        const r = await pollListing(fetchPage, (child) => t.parse(child, self), ctx.state, {
          overlapSeconds: t.overlapSeconds,
          maxPages: o.maxPages ?? 10,
          firstPollPages: o.firstPollPages ?? 1,
          signal: ctx.signal,
          nowSeconds: ctx.now.getTime() / 1000,
        });
        if (r.warnings.length > 0) o.logger.warn({ source: t.id, warnings: r.warnings.slice(0, 10), count: r.warnings.length }, 'Reddit poll warnings');
        lastPolled.set(t.id, ctx.now);
        return { items: r.entries.map((e) => e.item), state: r.state, ...(r.warnings.length > 0 ? { warnings: r.warnings } : {}) };
      },
    };
  });

  return {
    sources,
    budget,
    freshness: () =>
      all.map((t) => {
        const at = lastPolled.get(t.id);
        return at
          ? { target: t.describe, lastPolledAt: at.toISOString(), lagSeconds: Math.max(0, Math.round((now().getTime() - at.getTime()) / 1000)) }
          : { target: t.describe };
      }),
  };
}
