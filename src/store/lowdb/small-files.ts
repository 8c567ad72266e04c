import type { CycleBatch, FeedbackRecord, OutboxEntry } from '../store.js';
import { feedbackId, markFailed, markSent, OUTBOX_KEEP_SENT_MS, outboxOrder } from '../rollup-core.js';
import type { FeedbackDoc, OutboxDoc, StateDoc } from './docs.js';

export { OUTBOX_KEEP_SENT_MS };

const ms = (iso: string): number => Date.parse(iso);

/** Merge a batch's small state into the state document; returns true when anything changed. */
export function mergeState(doc: StateDoc, batch: Pick<CycleBatch, 'sourceStates' | 'sourceHealth' | 'kv'>): boolean {
  let changed = false;
  for (const [id, state] of Object.entries(batch.sourceStates)) {
    doc.sourceStates[id] = state;
    changed = true;
  }
  for (const h of batch.sourceHealth) {
    doc.sourceHealth[h.sourceId] = h;
    changed = true;
  }
  for (const [key, value] of Object.entries(batch.kv)) {
    if (value === undefined) delete doc.kv[key];
    else doc.kv[key] = value;
    changed = true;
  }
  return changed;
}

/** Add entries whose id is not present yet; returns how many were added. */
export function enqueue(doc: OutboxDoc, entries: readonly OutboxEntry[]): number {
  const ids = new Set(doc.entries.map((e) => e.id));
  let added = 0;
  for (const e of entries) {
    if (ids.has(e.id)) continue;
    ids.add(e.id);
    doc.entries.push(structuredClone(e));
    added++;
  }
  return added;
}

/** Pending entries whose notBefore has passed, in delivery order (outboxOrder). */
export function due(doc: OutboxDoc, now: Date): OutboxEntry[] {
  const t = now.getTime();
  return doc.entries
    .filter((e) => e.status === 'pending' && ms(e.notBefore) <= t)
    .sort(outboxOrder)
    .map((e) => structuredClone(e));
}

/** Drop sent entries older than OUTBOX_KEEP_SENT_MS; returns how many. */
export function pruneSent(doc: OutboxDoc, now: Date): number {
  const limit = now.getTime() - OUTBOX_KEEP_SENT_MS;
  const before = doc.entries.length;
  doc.entries = doc.entries.filter((e) => !(e.status === 'sent' && ms(e.sentAt ?? e.createdAt) < limit));
  return before - doc.entries.length;
}

export { markFailed, markSent };

/** Append feedback records, ignoring exact repeats (same mention, same person, same time). */
export function addFeedback(doc: FeedbackDoc, records: readonly FeedbackRecord[]): number {
  const ids = new Set(doc.records.map(feedbackId));
  let added = 0;
  for (const r of records) {
    if (ids.has(feedbackId(r))) continue;
    ids.add(feedbackId(r));
    doc.records.push(structuredClone(r));
    added++;
  }
  return added;
}
