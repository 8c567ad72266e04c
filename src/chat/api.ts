import type { Alert, Digest, Mention, ReputationScore, SentimentLabel } from '../domain/types.js';
import type { MentionQuery, SourceHealth } from '../store/store.js';
import type { GatewayStatus } from './sink.js';
import type { BrandForecast } from '../analysis/forecast.js';
import type { ImpactReport } from '../analysis/impact.js';

/** An expected, user-facing failure: returned, not thrown. `code` is stable; `message` is shown to the user. */
export interface UserError {
  code: string;
  message: string;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: UserError };

export interface TrendReport {
  brand: string;
  terms: { term: string; count: number; baseline: number; score: number }[];
}

export interface CompareReport {
  /** settings.timezone, for showing the window */
  timezone: string;
  brand: string;
  window: { start: string; end: string };
  rows: { brand: string; mentions: number; share: number; netSentiment: number | null }[];
}

export interface StatusReport {
  startedAt: string;
  /** settings.timezone: the zone absolute times are shown in */
  timezone: string;
  sources: (SourceHealth & { describe: string; kind: string })[];
  outboxPending: number;
  /** deliveries refused for good (403/404/400): kept, never retried; a human must look */
  outboxDead: number;
  classifier: { name: string; state: string };
  /** corrections that agreed with the model, and the model's mean confidence in them (calibration: the two should be close) */
  feedbackAgreement: { classifier: string; agreed: number; total: number; meanConfidence?: number }[];
  failingChannels: { channel: string; error: string }[];
  /** the chat platform's live connection (Discord's gateway), when the sink keeps one */
  gateway?: GatewayStatus;
  /** Reddit targets: last complete poll, lag, whether the shared request budget is paused (rate limit) */
  reddit?: { target: string; lastPolledAt?: string; lagSeconds?: number; budgetPausedUntil?: string; budgetQueued: number }[];
}

export interface WatchInput {
  name: string;
  aliases?: string[];
  query?: string;
  competitors?: string[];
}

/** An alert (or an incident's update) as the outbox holds it, with its delivery state. */
export interface AlertRecord {
  kind: 'alert' | 'update';
  status: 'pending' | 'sent' | 'dead';
  sentAt?: string;
  alert: Alert;
}

export interface MentionPageQuery {
  brand: string;
  since?: string;
  until?: string;
  sentiment?: SentimentLabel;
  /** 1–100 (default 20) */
  limit?: number;
  /** the `next` of the previous page: carries its filters */
  cursor?: string;
}

export interface FeedInfo {
  id: string;
  url: string;
  intervalSeconds: number;
}

/** A stored mention an answer quotes. */
export interface AskCite {
  key: string;
  brand: string;
  url?: string;
  quote: string;
  sentiment: SentimentLabel;
  publishedAt: string;
}

/** The answer to a free-form question (`/ask`): plain sentences with figures from the store, and the mentions quoted. */
export interface AskAnswer {
  question: string;
  intent: 'why' | 'topic' | 'compare' | 'changes' | 'worst' | 'overview' | 'unknown';
  brands: string[];
  period: { start: string; end: string; label: string };
  /** how the question was read, said back so a wrong reading is seen */
  readAs: string;
  lines: string[];
  cites: AskCite[];
}

/**
 * What chat adapters may ask of the bot (slash commands, buttons). Implemented once in the composition root;
 * adapters receive it as a dependency, so Discord (or Slack later) never touches stores or sources directly.
 */
export interface BotApi {
  brandNames(): string[];
  feedList(): FeedInfo[];
  reputation(brand: string, windowHours: number, now: Date): Promise<Result<ReputationScore & { change: number }>>;
  explainAlert(alertId: string): Promise<Result<Alert>>;
  mentions(q: MentionQuery): Promise<Result<Mention[]>>;
  trends(brand: string | undefined, windowHours: number, now: Date): Promise<Result<TrendReport[]>>;
  compare(brand: string, now: Date): Promise<Result<CompareReport>>;
  /** today so far, or a past local day (YYYY-MM-DD in the digest's timezone) */
  digest(brand: string | undefined, now: Date, date?: string): Promise<Result<Digest[]>>;
  /** hourly forecasts with 80 % intervals as of `at` (all brands, or one), `hours` ahead (1–168) */
  forecast(brand: string | undefined, at: Date, hours: number): Promise<Result<BrandForecast[]>>;
  status(now: Date): Promise<StatusReport>;
  /** managers: an event to measure (ISO date or time; a bare date is midnight in settings.timezone) */
  eventAdd(brand: string, name: string, start: string, end?: string): Promise<Result<string>>;
  /** configured events (campaigns, launches) with their brand */
  eventNames(): { brand: string; name: string }[];
  /** before and after an event: volume, net sentiment, share of voice (90 % bootstrap intervals) and the index */
  impact(event: string, now: Date): Promise<Result<ImpactReport & { timezone: string }>>;
  /** a free-form question, answered from the store (see delivery/question.ts for what it understands) */
  ask(question: string, now: Date): Promise<Result<AskAnswer>>;
  watchAdd(input: WatchInput): Promise<Result<string>>;
  watchRemove(name: string): Promise<Result<string>>;
  watchList(): Promise<WatchInput[]>;
  /** the URL must resolve to a public address on every redirect hop */
  feedAdd(url: string, intervalSeconds?: number): Promise<Result<FeedInfo>>;
  feedRemove(idOrUrl: string): Promise<Result<string>>;
  alertsMute(brand: string, rule: string | undefined, hours: number, now: Date): Promise<Result<string>>;
  alertsUnmute(brand: string, rule: string | undefined): Promise<Result<string>>;
  alertsThreshold(setting: string, value: number): Promise<Result<string>>;
  acknowledge(alertId: string, userId: string, now: Date): Promise<Result<{ minutesToAck: number }>>;
  correctSentiment(mentionKey: string, label: SentimentLabel, userId: string, now: Date): Promise<Result<string>>;
  /** one page of a brand's mentions, newest first, with the cursor of the next page (the read API) */
  mentionPage(q: MentionPageQuery): Promise<Result<{ mentions: Mention[]; next?: string }>>;
  /** alerts and incident updates raised since then, oldest first (sent ones are kept 35 days) */
  alerts(since: Date): Promise<Result<AlertRecord[]>>;
  /**
   * Right to erasure (managers): delete every stored mention of an author given as a handle or profile URL, matched
   * through the keyed pseudonym; the erasure is logged with its time and count, never the name.
   */
  forgetAuthor(handleOrUrl: string, now: Date, via?: 'cli' | 'chat'): Promise<Result<{ deleted: number }>>;
}
