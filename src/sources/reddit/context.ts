import { systemClock, type Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { RequestBudget } from './budget.js';
import { RedditClient, type RetryOptions } from './client.js';
import { isRedditUserAgent } from './user-agent.js';

export interface RedditContextOptions {
  clientId: string;
  clientSecret: string;
  refreshToken?: string;
  username?: string;
  password?: string;
  /** `<platform>:<app id>:<version> (by /u/<name>)` */
  userAgent: string;
  apiUrl: string;
  authUrl: string;
  requestsPerMinute: number;
  logger: Logger;
  /** length of a minute for the budget (tests scale time with it; default 60 000) */
  minuteMs?: number;
  retry?: RetryOptions;
  requestTimeoutMs?: number;
  /** time for the budget, deadlines and backoff (the composition root passes the system clock; tests a fake one) */
  clock?: Clock;
}

/** When a target last finished a poll: `completeAt` reached its cursor, `partialAt` stopped early for the rate limit. */
export interface TargetPolls {
  completeAt?: Date;
  partialAt?: Date;
}

/**
 * What must outlive a rebuild of the sources (brands or subreddits changed from chat): one OAuth client (and its
 * token), one request budget, and each target's poll times. Create it once and pass it to every createRedditSources.
 */
export interface RedditContext {
  client: RedditClient;
  budget: RequestBudget;
  /** the clock the budget and client run on: a poll's deadline is set on it too */
  clock: Clock;
  polls: Map<string, TargetPolls>;
}

export function createRedditContext(o: RedditContextOptions): RedditContext {
  if (!isRedditUserAgent(o.userAgent)) {
    o.logger.warn({ userAgent: o.userAgent }, 'Reddit user agent should look like <platform>:<app id>:<version> (by /u/<name>)');
  }
  const clock = o.clock ?? systemClock;
  const budget = new RequestBudget({ requestsPerMinute: o.requestsPerMinute, minuteMs: o.minuteMs, clock });
  const client = new RedditClient({ ...o, budget, retry: o.retry, requestTimeoutMs: o.requestTimeoutMs, clock });
  return { client, budget, clock, polls: new Map() };
}
