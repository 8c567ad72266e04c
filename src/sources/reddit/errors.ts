/** One error class per way talking to Reddit can fail. */

export class RedditConfigError extends Error {
  override readonly name = 'RedditConfigError';
}

/** The token endpoint refused the credentials (401, invalid_grant...). */
export class RedditAuthError extends Error {
  override readonly name = 'RedditAuthError';
}

/** Still rate limited (429 or remaining 0) after the allowed retries, or asked to wait longer than allowed. */
export class RedditRateLimitedError extends Error {
  override readonly name = 'RedditRateLimitedError';
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/**
 * Not a failure: the shared budget is held (x-ratelimit-remaining 0, a long 429) beyond what this poll may wait.
 * The poll stops early with what it has and resumes after `resumesAt`.
 */
export class RedditBudgetWaitError extends Error {
  override readonly name = 'RedditBudgetWaitError';
  constructor(
    message: string,
    readonly resumesAt: Date,
  ) {
    super(message);
  }
}

/** Reddit answered 5xx (or the connection failed) on every attempt. */
export class RedditUnavailableError extends Error {
  override readonly name = 'RedditUnavailableError';
  constructor(
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
  }
}

/** Any other non-2xx answer (403 private subreddit, 404 banned subreddit...). */
export class RedditStatusError extends Error {
  override readonly name = 'RedditStatusError';
  constructor(
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
  }
}

/** The answer was not a Listing. */
export class RedditPayloadError extends Error {
  override readonly name = 'RedditPayloadError';
}
