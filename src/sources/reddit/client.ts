import Snoowrap from 'snoowrap';
import type { Logger } from '../../shared/logger.js';
import type { RequestBudget } from './budget.js';
import { exhaustedWindowMs, requestedWaitMs } from './rate-headers.js';
import { sleep, systemClock, type Clock } from '../../shared/clock.js';
import { RedditAuthError, RedditBudgetWaitError, RedditConfigError, RedditRateLimitedError, RedditUnavailableError } from './errors.js';

/**
 * snoowrap, kept inside this folder. Quirks handled here:
 * - its base URLs are hard-coded (https://oauth.<domain>, https://www.<domain>): `rawRequest` rewrites them;
 * - it throws RateLimitError when x-ratelimit-remaining hits 0 unless continueAfterRatelimitError is on, and then
 *   sleeps until the reset where nothing can cancel it: we turn it on, skip its sleep (`_awaitRatelimit`) and pause the
 *   shared budget until the reset instead, where a poll's deadline and AbortSignal apply;
 * - it never retries 429 and retries 5xx with fixed multi-second sleeps: we disable that (retryErrorCodes must not be
 *   empty: an empty list makes its catch handler swallow every error and crash on `e.response`) and retry here;
 * - an `{error: 'invalid_grant'}` token answer comes with status 200: we turn it into RedditAuthError.
 */

export interface RedditCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken?: string;
  username?: string;
  password?: string;
}

export interface RetryOptions {
  /** retries after the first attempt (default 4) */
  maxRetries?: number;
  /** first backoff in ms, doubled per attempt, with jitter (default 1000) */
  baseMs?: number;
  /** longest a request waits for the budget when its poll gives no deadline (default 120 000); also caps backoff */
  maxWaitMs?: number;
}

/** What a poll passes with each request: stop waiting when it is abandoned or its allowance runs out. */
export interface RequestContext {
  signal?: AbortSignal;
  /** epoch ms: a request that could not start by then rejects with RedditBudgetWaitError */
  deadline?: number;
}

/** key under which a RequestContext rides through snoowrap's oauthRequest options to rawRequest */
const CONTEXT = 'brandBotRequestContext';

export interface RedditClientOptions extends RedditCredentials {
  userAgent: string;
  /** default https://oauth.reddit.com */
  apiUrl?: string;
  /** default https://www.reddit.com (token endpoint) */
  authUrl?: string;
  budget: RequestBudget;
  logger: Logger;
  retry?: RetryOptions;
  requestTimeoutMs?: number;
  /** time for deadlines and retry backoff (default the system clock; share the budget's) */
  clock?: Clock;
}

interface HttpError {
  statusCode?: number;
  name?: string;
  response?: { headers?: Record<string, string | string[] | undefined> };
}

const trim = (u: string): string => u.replace(/\/+$/, '');

export class RedditClient extends Snoowrap {
  private readonly apiBase: string;
  private readonly authBase: string;
  private readonly budget: RequestBudget;
  private readonly log: Logger;
  private readonly retry: Required<RetryOptions>;
  private readonly clock: Clock;

  constructor(opts: RedditClientOptions) {
    if (!opts.clientId || !opts.clientSecret || !(opts.refreshToken || (opts.username && opts.password))) {
      throw new RedditConfigError('Reddit needs a client id, a client secret and a refresh token or a username and password');
    }
    super({
      userAgent: opts.userAgent,
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      ...(opts.refreshToken ? { refreshToken: opts.refreshToken } : { username: opts.username, password: opts.password }),
    });
    this.apiBase = trim(opts.apiUrl ?? 'https://oauth.reddit.com');
    this.authBase = trim(opts.authUrl ?? 'https://www.reddit.com');
    this.budget = opts.budget;
    this.log = opts.logger;
    this.clock = opts.clock ?? systemClock;
    this.retry = { maxRetries: 4, baseMs: 1000, maxWaitMs: 120_000, ...opts.retry };
    const log = opts.logger;
    this.config({
      continueAfterRatelimitError: true,
      retryErrorCodes: [599],
      maxRetryAttempts: 1,
      requestDelay: 0,
      requestTimeout: opts.requestTimeoutMs ?? 15_000,
      warnings: true,
      proxies: false,
      debug: false,
      logger: {
        warn: (...a: unknown[]) => log.warn({ snoowrap: a.map(String).join(' ') }, 'snoowrap warning'),
        info: () => undefined,
        debug: () => undefined,
        trace: () => undefined,
      },
    });
  }

  private tokenRequest: { promise: Promise<string>; ctx: RequestContext | undefined } | undefined;
  /** context of the token request being started (read synchronously by rawRequest) */
  private tokenContext: RequestContext | undefined;

  /** snoowrap asks for a token once per concurrent call when none is cached: share the request in flight. */
  override updateAccessToken(): Promise<string> {
    return this.sharedToken(undefined).promise;
  }

  private sharedToken(ctx: RequestContext | undefined): { promise: Promise<string>; ctx: RequestContext | undefined } {
    if (this.tokenRequest) return this.tokenRequest;
    this.tokenContext = ctx;
    try {
      const promise = Promise.resolve(super.updateAccessToken()).finally(() => (this.tokenRequest = undefined));
      this.tokenRequest = { promise, ctx };
      return this.tokenRequest;
    } finally {
      this.tokenContext = undefined;
    }
  }

  /** A valid token, fetched under this poll's context; if the poll that started a shared fetch was abandoned, fetch again. */
  private async tokenFor(ctx: RequestContext): Promise<void> {
    for (;;) {
      const shared = this.sharedToken(ctx);
      try {
        await shared.promise;
        return;
      } catch (e) {
        if (shared.ctx === ctx || !shared.ctx?.signal?.aborted || ctx.signal?.aborted) throw e;
      }
    }
  }

  /** GET through snoowrap (Bearer token, raw_json=1) with this poll's deadline and AbortSignal on every request. */
  async getWithContext(uri: string, qs: Record<string, string | number | boolean>, ctx: RequestContext = {}): Promise<unknown> {
    await this.tokenFor(ctx);
    return this.oauthRequest({ uri, method: 'get', qs, [CONTEXT]: ctx } as Parameters<Snoowrap['oauthRequest']>[0]);
  }

  /** snoowrap's own wait for an exhausted window cannot be cancelled: the budget's pause replaces it. */
  _awaitRatelimit(): Promise<void> {
    return Promise.resolve();
  }

  private rebase(baseUrl: unknown): string | undefined {
    if (typeof baseUrl !== 'string') return undefined;
    if (baseUrl.startsWith('https://oauth.')) return this.apiBase;
    if (baseUrl.startsWith('https://www.')) return this.authBase;
    return baseUrl;
  }

  private backoffMs(attempt: number): number {
    const ceiling = Math.min(this.retry.maxWaitMs, this.retry.baseMs * 2 ** (attempt - 1));
    return ceiling * (0.5 + Math.random() / 2);
  }

  /** Pause the shared budget while Reddit reports an exhausted window. */
  private observe(headers: Record<string, unknown> | undefined): void {
    const resetMs = exhaustedWindowMs(headers);
    if (resetMs !== undefined) {
      this.log.warn({ resetSeconds: resetMs / 1000 }, 'Reddit rate window exhausted; pausing requests until it resets');
      this.budget.pauseFor(resetMs);
    }
  }

  /** Every HTTP request snoowrap makes passes here: rebased, budgeted, retried on 429/5xx/network errors. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- snoowrap types its options as request's Options
  override async rawRequest(options: any): Promise<any> {
    const { [CONTEXT]: passed, ...rest } = options as Record<string, unknown>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- request's Options, passed through to snoowrap
    const opts: any = { ...rest, baseUrl: this.rebase(rest.baseUrl) };
    const isToken = String(opts.uri ?? opts.url ?? '').includes('access_token');
    const ctx = (isToken ? this.tokenContext : (passed as RequestContext | undefined)) ?? {};
    for (let attempt = 1; ; attempt++) {
      ctx.signal?.throwIfAborted();
      try {
        // Rate headers are read inside the job, before the budget starts the next request.
        const res = await this.budget.schedule(async () => {
          try {
            const r = (await super.rawRequest(opts)) as unknown;
            this.observe((r as { headers?: Record<string, unknown> } | undefined)?.headers);
            return r;
          } catch (e) {
            this.observeFailure(e, attempt);
            throw e;
          }
        }, { signal: ctx.signal, deadline: ctx.deadline ?? this.clock.now() + this.retry.maxWaitMs });
        const body = res as { error?: unknown; error_description?: unknown } | undefined;
        if (isToken && body && typeof body === 'object' && body.error !== undefined) {
          throw new RedditAuthError(`Reddit refused the credentials: ${String(body.error)}${body.error_description ? ` (${String(body.error_description)})` : ''}`);
        }
        return res;
      } catch (e) {
        await this.handleFailure(e, attempt, isToken, ctx.signal);
      }
    }
  }

  /** How long a 429 asks us to wait: retry-after, else the rate window's reset, else exponential backoff. */
  private waitFor429(headers: Record<string, unknown> | undefined, attempt: number): number {
    return requestedWaitMs(headers) ?? this.backoffMs(attempt);
  }

  private observeFailure(e: unknown, attempt: number): void {
    const err = (e ?? {}) as HttpError;
    if (err.statusCode === 429) {
      this.budget.pauseFor(this.waitFor429(err.response?.headers, attempt) + Math.random() * Math.min(1000, this.retry.baseMs));
    } else {
      this.observe(err.response?.headers);
    }
  }

  /** Returns when the request should be tried again; throws otherwise. */
  private async handleFailure(e: unknown, attempt: number, isToken: boolean, signal: AbortSignal | undefined): Promise<void> {
    if (e instanceof RedditAuthError || e instanceof RedditBudgetWaitError || signal?.aborted) throw e;
    const err = (e ?? {}) as HttpError;
    const status = err.statusCode;
    if (isToken && (status === 400 || status === 401 || status === 403)) {
      throw new RedditAuthError(`Reddit's token endpoint answered ${status}: check the client id, secret and token`);
    }
    if (status === 429) {
      // the budget is already paused (observeFailure); the retry queues behind the pause, or, when the pause outlasts
      // the poll's deadline, the budget rejects it with RedditBudgetWaitError (the poll stops early, not a failure)
      const waitMs = this.waitFor429(err.response?.headers, attempt);
      if (attempt > this.retry.maxRetries) {
        throw new RedditRateLimitedError(`Reddit answered 429 (retry after ${Math.round(waitMs / 1000)} s)`, waitMs);
      }
      this.log.warn({ attempt, waitMs: Math.round(waitMs) }, 'Reddit answered 429; waiting before retrying');
      return;
    }
    const transient = (status !== undefined && status >= 500) || (status === undefined && err.name === 'RequestError');
    if (!transient) throw e;
    if (attempt > this.retry.maxRetries) {
      throw new RedditUnavailableError(`Reddit failed ${attempt} times (${status ?? 'network error'})`, status);
    }
    const waitMs = this.backoffMs(attempt);
    this.log.warn({ attempt, status, waitMs: Math.round(waitMs) }, 'Reddit request failed; retrying with backoff');
    await sleep(this.clock, waitMs, signal);
  }
}
