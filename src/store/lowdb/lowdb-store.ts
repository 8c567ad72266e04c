import type { HourlyRollup, Mention } from '../../domain/types.js';
import type { SourceState } from '../../sources/source.js';
import type { CycleBatch, FeedbackRecord, MentionQuery, OutboxEntry, SourceHealth, Store } from '../store.js';
import { applyBatch } from './apply-batch.js';
import { eraseAuthors } from './erase.js';
import type { Engine } from './engine.js';
import { OutboxEntryNotFoundError, StoreClosedError } from './errors.js';
import { deleteJournal, writeJournal } from './journal.js';
import { dayOf, monthOf, normalizeIso } from './paths.js';
import { addFeedback, due, enqueue, markFailed, markSent, pruneSent } from './small-files.js';
import { outboxOrder } from '../rollup-core.js';

const byNewest = (a: Mention, b: Mention): number =>
  a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

function matches(m: Mention, q: MentionQuery, since?: string, until?: string): boolean {
  return (
    (q.brand === undefined || m.brand === q.brand) &&
    (q.sentiment === undefined || m.sentiment.label === q.sentiment) &&
    (q.sourceKind === undefined || m.sourceKind === q.sourceKind) &&
    (q.sourceId === undefined || m.sourceId === q.sourceId) &&
    (since === undefined || m.publishedAt >= since) &&
    (until === undefined || m.publishedAt < until)
  );
}

/** The Store on lowdb files. All calls run one at a time (a promise chain), so files are never written concurrently. */
export class LowdbStore implements Store {
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** a batch whose apply failed after its journal was written; re-applied before the next commit */
  private pending: CycleBatch | undefined;

  constructor(
    private readonly e: Engine,
    private readonly releaseLock: () => Promise<void>,
  ) {}

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    const run = this.chain.then(fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  seenItems(itemKeys: readonly string[]): Promise<Set<string>> {
    return this.serial(async () => new Set(itemKeys.filter((k) => this.e.seen.hasItem(k))));
  }

  commit(batch: CycleBatch): Promise<void> {
    return this.serial(async () => {
      if (this.pending) {
        await applyBatch(this.e, this.pending);
        this.pending = undefined;
      }
      await writeJournal(this.e.paths.journal, batch, this.e.ctx.now());
      this.pending = batch;
      await applyBatch(this.e, batch);
      this.pending = undefined;
      await deleteJournal(this.e.paths.journal);
    });
  }

  queryMentions(q: MentionQuery): Promise<Mention[]> {
    return this.serial(async () => {
      const since = normalizeIso(q.since);
      const until = normalizeIso(q.until);
      const limit = q.limit ?? Infinity;
      const out: Mention[] = [];
      for (const day of this.e.partitions.daysDesc()) {
        if (out.length >= limit) break;
        if ((since && day < dayOf(since)) || (until && day > dayOf(until))) continue;
        const p = await this.e.partitions.get(day);
        out.push(...p.file.data.mentions.filter((m) => matches(m, q, since, until)).sort(byNewest));
      }
      return structuredClone(out.slice(0, limit));
    });
  }

  getMention(key: string): Promise<Mention | undefined> {
    return this.serial(async () => {
      const day = this.e.seen.dayOfMention(key);
      if (day === undefined) return undefined;
      const m = (await this.e.partitions.get(day)).byKey.get(key);
      return m && structuredClone(m);
    });
  }

  rollups(brand: string, since: string, until: string): Promise<HourlyRollup[]> {
    return this.serial(async () => {
      const s = normalizeIso(since);
      const u = normalizeIso(until);
      return s && u && s < u ? this.e.rollups.query(brand, s, u) : [];
    });
  }

  sourceState(sourceId: string): Promise<SourceState> {
    return this.serial(async () => structuredClone(this.e.state.data.sourceStates[sourceId] ?? {}));
  }

  sourceHealth(): Promise<SourceHealth[]> {
    return this.serial(async () => structuredClone(Object.values(this.e.state.data.sourceHealth)));
  }

  kvGet<T>(key: string): Promise<T | undefined> {
    return this.serial(async () => structuredClone(this.e.state.data.kv[key]) as T | undefined);
  }

  kvSet(key: string, value: unknown): Promise<void> {
    return this.serial(async () => {
      if (value === undefined) delete this.e.state.data.kv[key];
      else this.e.state.data.kv[key] = structuredClone(value);
      await this.e.state.write();
    });
  }

  kvUpdate<T>(key: string, fn: (current: T | undefined) => T | undefined): Promise<T | undefined> {
    // serial() runs one store operation at a time, so nothing writes the key between this read and this write
    return this.serial(async () => {
      const current = structuredClone(this.e.state.data.kv[key]) as T | undefined;
      const next = fn(current);
      // handed back unchanged (an alert already acknowledged): nothing to write
      if (next === current) return structuredClone(next);
      if (next === undefined) delete this.e.state.data.kv[key];
      else this.e.state.data.kv[key] = structuredClone(next);
      await this.e.state.write();
      return structuredClone(next);
    });
  }

  outboxDue(now: Date): Promise<OutboxEntry[]> {
    return this.serial(async () => due(this.e.outbox.data, now));
  }

  outboxEnqueue(entries: OutboxEntry[]): Promise<void> {
    return this.serial(async () => {
      const pruned = pruneSent(this.e.outbox.data, this.e.ctx.now());
      if (enqueue(this.e.outbox.data, entries) > 0 || pruned > 0) await this.e.outbox.write();
    });
  }

  outboxCounts(): Promise<{ pending: number; dead: number }> {
    return this.serial(async () => {
      const e = this.e.outbox.data.entries;
      return { pending: e.filter((x) => x.status === 'pending').length, dead: e.filter((x) => x.status === 'dead').length };
    });
  }

  outboxGet(id: string): Promise<OutboxEntry | undefined> {
    return this.serial(async () => structuredClone(this.e.outbox.data.entries.find((x) => x.id === id)));
  }

  outboxMarkSent(id: string, at: string, messageId?: string): Promise<void> {
    return this.serial(async () => {
      markSent(this.entry(id), at, messageId);
      await this.e.outbox.write();
    });
  }

  outboxMarkFailed(id: string, error: string, notBefore: string, dead: boolean): Promise<void> {
    return this.serial(async () => {
      markFailed(this.entry(id), error, notBefore, dead);
      await this.e.outbox.write();
    });
  }

  private entry(id: string): OutboxEntry {
    const found = this.e.outbox.data.entries.find((x) => x.id === id);
    if (!found) throw new OutboxEntryNotFoundError(id);
    return found;
  }

  addFeedback(records: FeedbackRecord[]): Promise<void> {
    return this.serial(async () => {
      if (addFeedback(this.e.feedback.data, records) > 0) await this.e.feedback.write();
    });
  }

  feedback(): Promise<FeedbackRecord[]> {
    return this.serial(async () => structuredClone(this.e.feedback.data.records));
  }

  applyRetention(cutoff: string): Promise<number> {
    return this.serial(async () => {
      const c = normalizeIso(cutoff);
      if (!c) return 0;
      const cutoffDay = dayOf(c);
      const days = new Set([...this.e.partitions.daysDesc(), ...this.e.seen.days()].filter((d) => d < cutoffDay));
      let removed = 0;
      for (const day of [...days].sort()) {
        removed += this.e.seen.mentionCount(day);
        await this.e.partitions.drop(day);
        await this.e.seen.dropDay(day);
      }
      const cutoffMonth = monthOf(cutoffDay);
      for (const month of await this.e.rollups.months()) {
        if (month < cutoffMonth) await this.e.rollups.dropBefore(month);
        else if (month === cutoffMonth && days.size > 0) await this.e.rollups.dropBefore(month, `${cutoffDay}T00:00:00.000Z`);
      }
      if (days.size > 0) this.e.ctx.logger.info({ cutoff: c, days: days.size, removed }, 'retention applied');
      return removed;
    });
  }

  deleteMentionsByAuthor(authors: readonly string[]): Promise<number> {
    return this.serial(async () => {
      // a batch whose apply failed is applied first: replayed after the erasure, it would store the mentions again
      if (this.pending) {
        await applyBatch(this.e, this.pending);
        this.pending = undefined;
      }
      return eraseAuthors(this.e, authors);
    });
  }

  outboxSince(since: string): Promise<OutboxEntry[]> {
    return this.serial(async () => {
      const s = normalizeIso(since);
      if (s === undefined) return [];
      const t = Date.parse(s);
      return structuredClone(this.e.outbox.data.entries.filter((x) => Date.parse(x.createdAt) >= t).sort(outboxOrder));
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    const done = this.serial(async () => {
      await this.releaseLock();
    });
    this.closed = true;
    return done;
  }
}
