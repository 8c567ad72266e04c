import type { Mention } from '../domain/types.js';
import type { FeedbackRecord, OutboxEntry } from './store.js';

/**
 * What every store adapter shares: hour keys, time normalisation, the terms a rollup counts and the outbox order.
 * Pure; no adapter-specific code.
 */

/** Terms kept per brand-hour rollup: enough for a trend to be seen rising before it reaches the top. */
export const TOP_TERMS_PER_HOUR = 100;

/** Sent outbox entries are kept this long (/explain and alert buttons read the alert from them; dedup), then pruned. */
export const OUTBOX_KEEP_SENT_MS = 35 * 24 * 3600 * 1000;

/** Start of the UTC hour of a toISOString() time. */
export const hourKey = (iso: string): string => `${iso.slice(0, 13)}:00:00.000Z`;

/** Normalises any parseable time to toISOString(); undefined when it does not parse. */
export function normaliseIso(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Keep the `limit` most frequent terms (ties by term, so the result is deterministic). */
export function topTerms(counts: Map<string, number>, limit = TOP_TERMS_PER_HOUR): Record<string, number> {
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return Object.fromEntries(sorted.slice(0, limit));
}

/** A small English + French + German stop list, for mentions stored before ingest computed their terms. */
const STOP = new Set(
  (
    'the and for are but not you all any can had her was one our out has him his how its may new now old see two way who ' +
    'did get let put say she too use that with this from they will would there their what about which when your were been ' +
    'have more some than them then these this into just like only over also back after very even most much such here ' +
    'could should does doing being because while where other those through before just http https www com amp ' +
    'les des une est pour pas que qui dans sur avec par sont der die das und ist nicht mit von den'
  ).split(' '),
);

function legacyTerms(m: Pick<Mention, 'title' | 'text'>): string[] {
  const out = new Set<string>();
  const text = `${m.title} ${m.text}`.toLowerCase();
  for (const match of text.matchAll(/#?[\p{L}\p{N}][\p{L}\p{N}_'-]*/gu)) {
    const raw = match[0].replace(/['-]+$/, '');
    const term = raw.startsWith('#') ? raw : raw.replace(/'s$/, '');
    if (term.startsWith('#')) {
      if (term.length > 1) out.add(term);
      continue;
    }
    if (term.length < 3 || term.length > 40 || STOP.has(term) || /^\p{N}+$/u.test(term)) continue;
    out.add(term);
  }
  return [...out];
}

/** The terms a rollup counts for a mention: those ingest computed (`mention.terms`), else a plain word split. */
export function mentionTerms(m: Pick<Mention, 'title' | 'text' | 'terms'>): string[] {
  return m.terms ?? legacyTerms(m);
}

/** Outbox delivery order: oldest first, then the order in which one evaluation raised them (seq), then id. */
export function outboxOrder(a: OutboxEntry, b: OutboxEntry): number {
  return Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.seq ?? 0) - (b.seq ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The outbox entry after a delivery: sent at `at`, with the platform's message id. */
export function markSent(e: OutboxEntry, at: string, messageId?: string): void {
  e.status = 'sent';
  e.sentAt = at;
  e.attempts++;
  if (messageId !== undefined) e.messageId = messageId;
  delete e.lastError;
}

/** The outbox entry after a failed delivery: retried from `notBefore`, or dead-lettered. */
export function markFailed(e: OutboxEntry, error: string, notBefore: string, dead: boolean): void {
  e.status = dead ? 'dead' : 'pending';
  e.attempts++;
  e.lastError = error;
  e.notBefore = notBefore;
}

/** Feedback identity: the same person correcting the same mention at the same time is one record. */
export const feedbackId = (r: FeedbackRecord): string => `${r.mentionKey}\u0000${r.by}\u0000${r.at}`;
