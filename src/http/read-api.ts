import type { Alert, Digest, Mention, ReputationScore, SentimentLabel } from '../domain/types.js';

/**
 * What the HTTP API asks of the bot: a structural slice of the BotApi that chat uses (the composition root passes
 * the same object), so answers come from the one implementation and this folder imports no other layer.
 */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export interface ApiAlertRecord {
  kind: 'alert' | 'update';
  status: 'pending' | 'sent' | 'dead';
  sentAt?: string;
  alert: Alert;
}

export interface ReadApi {
  watchList(): Promise<{ name: string; aliases?: string[]; query?: string; competitors?: string[] }[]>;
  reputation(brand: string, windowHours: number, now: Date): Promise<ApiResult<ReputationScore & { change: number }>>;
  mentionPage(q: { brand: string; since?: string; until?: string; sentiment?: SentimentLabel; limit?: number; cursor?: string }): Promise<ApiResult<{ mentions: Mention[]; next?: string }>>;
  digest(brand: string | undefined, now: Date, date?: string): Promise<ApiResult<Digest[]>>;
  alerts(since: Date): Promise<ApiResult<ApiAlertRecord[]>>;
  /** a question in plain words, answered as /ask answers it (figures, quoted stored mentions) */
  ask(question: string, now: Date): Promise<ApiResult<unknown>>;
  /** before and after a configured event */
  impact(event: string, now: Date): Promise<ApiResult<unknown>>;
}

/** A mention as the API shows it: what /mentions shows in chat, and no author (not even the pseudonym). */
export type ApiMention = Omit<Mention, 'author' | 'terms' | 'itemKey'>;

export function apiMention(m: Mention): ApiMention {
  const { author: _author, terms: _terms, itemKey: _itemKey, ...rest } = m;
  return rest;
}
