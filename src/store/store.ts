import type { Alert, Digest, HourlyRollup, Mention, Notice, SentimentLabel, SourceKind } from '../domain/types.js';
import type { SourceState } from '../sources/source.js';

export type OutboxPayload =
  | { kind: 'alert'; alert: Alert }
  | { kind: 'digest'; digest: Digest }
  | { kind: 'notice'; notice: Notice }
  /** an incident's later news: edits the message of outbox entry `updates` and replies under it */
  | { kind: 'update'; updates: string; alert: Alert };

export interface OutboxEntry {
  /** deterministic id (alert id, digest brand+date, notice id): enqueueing twice is a no-op */
  id: string;
  payload: OutboxPayload;
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  createdAt: string;
  /** order among entries created at the same time (one evaluation raises several) */
  seq?: number;
  /** do not try before this time */
  notBefore: string;
  sentAt?: string;
  lastError?: string;
  messageId?: string;
}

export interface SourceHealth {
  sourceId: string;
  lastPollAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  consecutiveFailures: number;
  disabled: boolean;
  nextPollAt?: string;
  itemsSeen: number;
  /** the adaptive poll interval now in use (shorter while the feed brings new items), seconds */
  pollIntervalSeconds?: number;
}

/** Everything one cycle changes, written atomically (journal first, then applied). */
export interface CycleBatch {
  mentions: Mention[];
  /** item keys seen this cycle (matched or not) so they are never re-processed */
  seenItemKeys: string[];
  sourceStates: Record<string, SourceState>;
  sourceHealth: SourceHealth[];
  outbox: OutboxEntry[];
  /** free key/value state (cooldowns, last ORI...) */
  kv: Record<string, unknown>;
}

export interface MentionQuery {
  brand?: string;
  since?: string;
  until?: string;
  sentiment?: SentimentLabel;
  sourceKind?: SourceKind;
  sourceId?: string;
  limit?: number;
}

export interface FeedbackRecord {
  mentionKey: string;
  text: string;
  label: SentimentLabel;
  /** the label the classifier had given */
  predicted: SentimentLabel;
  classifier: string;
  /** the classifier's confidence in `predicted` (a calibrated probability): what calibration is measured against */
  confidence?: number;
  by: string;
  at: string;
}

export interface Store {
  /** which of these item keys were already stored (across restarts) */
  seenItems(itemKeys: readonly string[]): Promise<Set<string>>;
  commit(batch: CycleBatch): Promise<void>;
  /** newest first */
  queryMentions(q: MentionQuery): Promise<Mention[]>;
  getMention(key: string): Promise<Mention | undefined>;
  rollups(brand: string, since: string, until: string): Promise<HourlyRollup[]>;
  sourceState(sourceId: string): Promise<SourceState>;
  sourceHealth(): Promise<SourceHealth[]>;
  kvGet<T>(key: string): Promise<T | undefined>;
  kvSet(key: string, value: unknown): Promise<void>;
  /**
   * Read-modify-write of one kv value, atomic against every other writer of the key (this process's and, on Postgres,
   * other workers'): two acknowledgements clicked at once both land. `fn` gets a copy of the current value (undefined
   * when none) and returns the new one (undefined deletes it); it may run again on a retry, so it must be pure.
   * Returns what was stored.
   */
  kvUpdate<T>(key: string, fn: (current: T | undefined) => T | undefined): Promise<T | undefined>;
  outboxDue(now: Date): Promise<OutboxEntry[]>;
  outboxEnqueue(entries: OutboxEntry[]): Promise<void>;
  outboxGet(id: string): Promise<OutboxEntry | undefined>;
  /** entries by status, for /status and health */
  outboxCounts(): Promise<{ pending: number; dead: number }>;
  outboxMarkSent(id: string, at: string, messageId?: string): Promise<void>;
  outboxMarkFailed(id: string, error: string, notBefore: string, dead: boolean): Promise<void>;
  addFeedback(records: FeedbackRecord[]): Promise<void>;
  feedback(): Promise<FeedbackRecord[]>;
  /** delete mentions older than the cutoff; returns how many */
  applyRetention(cutoff: string): Promise<number>;
  /**
   * Right to erasure: delete every mention whose stored `author` is one of these values (keyed pseudonyms, or raw
   * names when privacy.authors is 'keep'), with their rollup counts and terms and the sentiment corrections made on
   * them (which hold their text), and return how many mentions. Their item keys stay seen, so the same items are not
   * stored again at the next poll.
   */
  deleteMentionsByAuthor(authors: readonly string[]): Promise<number>;
  /** outbox entries created at or after `since`, in delivery order (sent entries are kept OUTBOX_KEEP_SENT_MS) */
  outboxSince(since: string): Promise<OutboxEntry[]>;
  close(): Promise<void>;
}

