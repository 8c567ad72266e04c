import type { RawItem, SourceKind } from '../domain/types.js';

/** Opaque per-source state persisted between polls (ETag, Last-Modified, cursors...). */
export type SourceState = Record<string, unknown>;

export interface PollContext {
  now: Date;
  signal: AbortSignal;
  /** the state returned by the previous successful poll ({} the first time) */
  state: SourceState;
}

export interface PollResult {
  items: RawItem[];
  /** state to persist once the items are safely stored */
  state: SourceState;
  /** true when the source answered "nothing changed" (e.g. HTTP 304) */
  notModified?: boolean;
  /** items the source had to skip or repair, with reasons (invalid date...) */
  warnings?: string[];
}

/** A place mentions come from. Implementations live in sources/<kind>/. */
export interface MentionSource {
  readonly id: string;
  readonly kind: SourceKind;
  /** poll interval in seconds */
  readonly intervalSeconds: number;
  /** a human-readable description (URL without credentials, subreddit...) */
  readonly describe: string;
  /** hard deadline for one poll, when the source needs longer than the default (e.g. waiting out a rate limit) */
  readonly pollDeadlineMs?: number;
  poll(ctx: PollContext): Promise<PollResult>;
}
