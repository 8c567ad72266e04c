import type { Logger } from '../../shared/logger.js';
import type { MentionSource, PollContext, PollResult } from '../source.js';
import type { RequestBudget } from './budget.js';
import { createRedditContext, type RedditContext, type RedditContextOptions } from './context.js';
import { pollListing } from './cursor.js';
import { RedditBudgetWaitError } from './errors.js';
import { fetchListing, type FetchPage } from './fetch-listing.js';
import { redditTargets, type Target, type TargetOptions } from './targets.js';

interface PollOptions {
  intervalSeconds: number;
  logger: Logger;
  now?: () => Date;
  /** items per request, at most 100 (default 100) */
  pageLimit?: number;
  /** pages one poll may read to reach its cursor (default 10: Reddit serves about 1000 items per listing) */
  maxPages?: number;
  /** pages read on a target's first poll (default 1) */
  firstPollPages?: number;
  /**
   * Longest a poll waits for the shared budget (x-ratelimit-remaining 0, a 429's retry-after, a long queue), counted
   * from the poll's start (default 120 000). Past it the poll returns what it has and a state that resumes there.
   * Keep it below the pipeline's poll deadline.
   */
  maxPollWaitMs?: number;
}

/** Either a context made once with createRedditContext (shared across rebuilds), or the options to make one. */
export type RedditSourcesOptions = TargetOptions & PollOptions & ({ context: RedditContext } | (RedditContextOptions & { context?: undefined }));

export interface RedditFreshness {
  sourceId: string;
  target: string;
  /** the last poll that read down to its cursor */
  lastPolledAt?: string;
  /** seconds since lastPolledAt */
  lagSeconds?: number;
  /** the last poll that stopped early to wait out Reddit's rate limit, when later than lastPolledAt */
  lastPartialAt?: string;
  /** set while the shared budget is held (x-ratelimit-remaining 0 or a 429) */
  budgetPausedUntil?: string;
  /** requests waiting in the shared budget */
  budgetQueued: number;
}

export interface RedditSources {
  sources: MentionSource[];
  freshness(): RedditFreshness[];
  budget: RequestBudget;
  context: RedditContext;
}

function freshnessOf(t: Target, ctx: RedditContext, now: Date): RedditFreshness {
  const polls = ctx.polls.get(t.id) ?? {};
  const paused = ctx.budget.pausedUntil();
  const done = polls.completeAt;
  return {
    sourceId: t.id,
    target: t.describe,
    ...(done ? { lastPolledAt: done.toISOString(), lagSeconds: Math.max(0, Math.round((now.getTime() - done.getTime()) / 1000)) } : {}),
    ...(polls.partialAt && (!done || polls.partialAt > done) ? { lastPartialAt: polls.partialAt.toISOString() } : {}),
    ...(paused ? { budgetPausedUntil: paused.toISOString() } : {}),
    budgetQueued: ctx.budget.queued(),
  };
}

/** One MentionSource per target (brand search, subreddit posts, subreddit comments), all sharing one client and budget. */
export function createRedditSources(o: RedditSourcesOptions): RedditSources {
  const now = o.now ?? (() => new Date());
  const ctx = o.context ?? createRedditContext(o);
  const limit = Math.min(100, Math.max(1, o.pageLimit ?? 100));
  const maxWaitMs = o.maxPollWaitMs ?? 120_000;
  const all = redditTargets(o);

  const sources = all.map((t): MentionSource => {
    const self = { id: t.id };
    return {
      id: t.id,
      kind: 'reddit',
      intervalSeconds: o.intervalSeconds,
      describe: t.describe,
      async poll(pc: PollContext): Promise<PollResult> {
        const request = { signal: pc.signal, deadline: ctx.clock.now() + maxWaitMs };
        const fetchPage: FetchPage = (after) => fetchListing(ctx.client, t.uri, { ...t.qs, limit, ...(after ? { after } : {}) }, request);
        const r = await pollListing(fetchPage, (child) => t.parse(child, self), pc.state, {
          overlapSeconds: t.overlapSeconds,
          maxPages: o.maxPages ?? 10,
          firstPollPages: o.firstPollPages ?? 1,
          signal: pc.signal,
          nowSeconds: pc.now.getTime() / 1000,
          stopOn: (e) => e instanceof RedditBudgetWaitError,
        });
        if (r.warnings.length > 0) o.logger.warn({ source: t.id, warnings: r.warnings.slice(0, 10), count: r.warnings.length }, 'Reddit poll warnings');
        const polls = ctx.polls.get(t.id) ?? {};
        if (r.stopped instanceof RedditBudgetWaitError) {
          o.logger.info({ source: t.id, items: r.entries.length, resumesAt: r.stopped.resumesAt.toISOString() }, 'Reddit rate limit: poll stopped early, the next one resumes');
          ctx.polls.set(t.id, { ...polls, partialAt: pc.now });
        } else {
          ctx.polls.set(t.id, { ...polls, completeAt: pc.now });
        }
        return { items: r.entries.map((e) => e.item), state: r.state, ...(r.warnings.length > 0 ? { warnings: r.warnings } : {}) };
      },
    };
  });

  return { sources, budget: ctx.budget, context: ctx, freshness: () => all.map((t) => freshnessOf(t, ctx, now())) };
}
