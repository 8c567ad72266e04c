import { isInternalError } from '../../shared/errors.js';

/** The body was fetched but is not a feed rss-parser can read (malformed XML, unknown root...). */
export class FeedParseError extends Error {
  constructor(
    /** short, stable reason without positions, for grouping ("Unexpected close tag", "not RSS or Atom"...) */
    readonly reason: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(`Feed ${url} could not be parsed: ${reason}`, options);
    this.name = 'FeedParseError';
  }
}

/** Turns a parser message into a short reason: first line, line/column/char positions removed. */
export function parseFailureReason(err: unknown): string {
  if (isInternalError(err)) return 'unexpected document structure';
  const message = err instanceof Error ? err.message : String(err);
  const first = message.split('\n')[0] ?? message;
  return first.replace(/\s*(Line|Column|Char):.*$/i, '').trim().slice(0, 120) || 'unknown parse error';
}

/** What a person reads about a failure: the parser's own message, or a plain description of an internal error. */
export function readableError(err: unknown): string {
  if (isInternalError(err)) return 'unexpected element structure';
  if (err instanceof RangeError) return 'invalid value (date)';
  return parseFailureReason(err);
}
