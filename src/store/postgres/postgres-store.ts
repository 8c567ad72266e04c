import type { Pool, PoolClient } from 'pg';
import type { HourlyRollup, Mention } from '../../domain/types.js';
import type { SourceState } from '../../sources/source.js';
import { hourKey, normaliseIso, outboxOrder } from '../rollup-core.js';
import type { CycleBatch, FeedbackRecord, MentionQuery, OutboxEntry, SourceHealth, Store } from '../store.js';
import { addToRollups, applyBatch, enqueue, setKv } from './apply-batch.js';
import { PgOutboxEntryNotFoundError, PgStoreClosedError } from './errors.js';
import { readFeedback, readHealth, readMention, readOutbox, readState } from './rows.js';

const LAST_TIMESTAMP = Date.parse('9999-12-31T23:59:59.999Z');

/** A rollup as pg returns it: the hour as a Date. */
type RollupRow = Omit<HourlyRollup, 'hour'> & { hour: Date };

/**
 * The Store on Postgres. Every write is one transaction; every read is one indexed query. Several processes may share
 * the database: dedup rests on unique constraints, not on a lock file.
 */
export class PostgresStore implements Store {
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly now: () => Date,
  ) {}

  private async tx<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    if (this.closed) throw new PgStoreClosedError();
    const c = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      // a connection that cannot even roll back is dropped from the pool, not handed to the next caller
      await c.query('ROLLBACK').catch((r: unknown) => void (broken = r instanceof Error ? r : new Error(String(r))));
      throw e;
    } finally {
      c.release(broken);
    }
  }

  private async q<R extends object>(sql: string, params: unknown[] = []): Promise<R[]> {
    if (this.closed) throw new PgStoreClosedError();
    return (await this.pool.query<R>(sql, params)).rows;
  }

  async seenItems(itemKeys: readonly string[]): Promise<Set<string>> {
    if (itemKeys.length === 0) return new Set();
    const rows = await this.q<{ item_key: string }>('SELECT item_key FROM seen_items WHERE item_key = ANY($1::text[])', [[...itemKeys]]);
    return new Set(rows.map((r) => r.item_key));
  }

  commit(batch: CycleBatch): Promise<void> {
    return this.tx((c) => applyBatch(c, batch, this.now()));
  }

  async queryMentions(query: MentionQuery): Promise<Mention[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown): void => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.brand !== undefined) add('brand = ?', query.brand);
    const since = normaliseIso(query.since);
    const until = normaliseIso(query.until);
    if (since !== undefined) add('published_at >= ?', since);
    if (until !== undefined) add('published_at < ?', until);
    if (query.sentiment !== undefined) add('sentiment = ?', query.sentiment);
    if (query.sourceKind !== undefined) add('source_kind = ?', query.sourceKind);
    if (query.sourceId !== undefined) add('source_id = ?', query.sourceId);
    let sql = `SELECT key, doc FROM mentions${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY published_at DESC, key`;
    if (query.limit !== undefined) {
      params.push(Math.max(0, Math.floor(query.limit)));
      sql += ` LIMIT $${params.length}`;
    }
    const rows = await this.q<{ key: string; doc: unknown }>(sql, params);
    return rows.map((r) => readMention(r.key, r.doc));
  }

  async getMention(key: string): Promise<Mention | undefined> {
    const [row] = await this.q<{ doc: unknown }>('SELECT doc FROM mentions WHERE key = $1', [key]);
    return row && readMention(key, row.doc);
  }

  async rollups(brand: string, since: string, until: string): Promise<HourlyRollup[]> {
    const s = normaliseIso(since);
    const u = normaliseIso(until);
    if (!s || !u || s >= u) return [];
    const rows = await this.q<RollupRow>(
      'SELECT brand, hour, count, positive, neutral, negative, engagement, terms FROM rollups WHERE brand = $1 AND hour >= $2 AND hour < $3 ORDER BY hour',
      [brand, hourKey(s), u],
    );
    return rows.map((r) => ({ brand: r.brand, hour: r.hour.toISOString(), count: r.count, positive: r.positive, neutral: r.neutral, negative: r.negative, engagement: r.engagement, terms: r.terms }));
  }

  async sourceState(sourceId: string): Promise<SourceState> {
    const [row] = await this.q<{ state: unknown }>('SELECT state FROM source_states WHERE source_id = $1', [sourceId]);
    return row ? readState(sourceId, row.state) : {};
  }

  async sourceHealth(): Promise<SourceHealth[]> {
    const rows = await this.q<{ source_id: string; health: unknown }>('SELECT source_id, health FROM source_health ORDER BY source_id');
    return rows.map((r) => readHealth(r.source_id, r.health));
  }

  async kvGet<T>(key: string): Promise<T | undefined> {
    const [row] = await this.q<{ value: T }>('SELECT value FROM kv WHERE key = $1', [key]);
    return row?.value;
  }

  async kvSet(key: string, value: unknown): Promise<void> {
    if (value === undefined) await this.q('DELETE FROM kv WHERE key = $1', [key]);
    else await setKv(this.pool, [[key, value]]);
  }

  kvUpdate<T>(key: string, fn: (current: T | undefined) => T | undefined): Promise<T | undefined> {
    return this.tx(async (c) => {
      // a transaction-scoped lock on the key (its row may not exist yet, so FOR UPDATE alone cannot hold it)
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kv:${key}`]);
      const { rows } = await c.query<{ value: T }>('SELECT value FROM kv WHERE key = $1', [key]);
      const next = fn(rows[0]?.value);
      if (next === rows[0]?.value) return next; // handed back unchanged: nothing to write
      if (next === undefined) await c.query('DELETE FROM kv WHERE key = $1', [key]);
      else await setKv(c, [[key, next]]);
      return next;
    });
  }

  async outboxDue(now: Date): Promise<OutboxEntry[]> {
    const t = now.getTime();
    if (Number.isNaN(t)) return [];
    // dispatch asks for every pending entry with the largest JS date (year 275760), beyond what timestamptz parses
    const bound = t >= LAST_TIMESTAMP ? 'infinity' : now.toISOString();
    const rows = await this.q<{ id: string; doc: unknown }>(
      "SELECT id, doc FROM outbox WHERE status = 'pending' AND not_before <= $1 ORDER BY created_at, seq, id",
      [bound],
    );
    // the index gives the order; outboxOrder is the definition every adapter shares (and settles equal instants alike)
    return rows.map((r) => readOutbox(r.id, r.doc)).sort(outboxOrder);
  }

  outboxEnqueue(entries: OutboxEntry[]): Promise<void> {
    return this.tx((c) => enqueue(c, entries, this.now()));
  }

  async outboxGet(id: string): Promise<OutboxEntry | undefined> {
    const [row] = await this.q<{ doc: unknown }>('SELECT doc FROM outbox WHERE id = $1', [id]);
    return row && readOutbox(id, row.doc);
  }

  async outboxCounts(): Promise<{ pending: number; dead: number }> {
    const rows = await this.q<{ status: string; n: number }>("SELECT status, count(*)::int AS n FROM outbox WHERE status IN ('pending', 'dead') GROUP BY status");
    const n = (s: string): number => rows.find((r) => r.status === s)?.n ?? 0;
    return { pending: n('pending'), dead: n('dead') };
  }

  outboxMarkSent(id: string, at: string, messageId?: string): Promise<void> {
    return this.updateEntry(id, (e) => {
      e.status = 'sent';
      e.sentAt = at;
      e.attempts++;
      if (messageId !== undefined) e.messageId = messageId;
      delete e.lastError;
    });
  }

  outboxMarkFailed(id: string, error: string, notBefore: string, dead: boolean): Promise<void> {
    return this.updateEntry(id, (e) => {
      e.status = dead ? 'dead' : 'pending';
      e.attempts++;
      e.lastError = error;
      e.notBefore = notBefore;
    });
  }

  /** Read, change and write one entry under its row lock: two workers marking the same entry cannot lose an attempt. */
  private updateEntry(id: string, change: (e: OutboxEntry) => void): Promise<void> {
    return this.tx(async (c) => {
      const { rows } = await c.query<{ doc: unknown }>('SELECT doc FROM outbox WHERE id = $1 FOR UPDATE', [id]);
      const row = rows[0];
      if (!row) throw new PgOutboxEntryNotFoundError(id);
      const e = readOutbox(id, row.doc);
      change(e);
      await c.query('UPDATE outbox SET status = $2, not_before = $3, sent_at = $4, doc = $5 WHERE id = $1', [
        id,
        e.status,
        normaliseIso(e.notBefore) ?? null,
        normaliseIso(e.sentAt) ?? null,
        JSON.stringify(e),
      ]);
    });
  }

  async addFeedback(records: FeedbackRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.q(
      `INSERT INTO feedback (mention_key, by_user, at, doc)
       SELECT m, b, a, d FROM unnest($1::text[], $2::text[], $3::text[], $4::json[]) WITH ORDINALITY AS x(m, b, a, d, i) ORDER BY i
       ON CONFLICT (mention_key, by_user, at) DO NOTHING`,
      [records.map((r) => r.mentionKey), records.map((r) => r.by), records.map((r) => r.at), records.map((r) => JSON.stringify(r))],
    );
  }

  async feedback(): Promise<FeedbackRecord[]> {
    const rows = await this.q<{ n: string; doc: unknown }>('SELECT n, doc FROM feedback ORDER BY n');
    return rows.map((r) => readFeedback(r.n, r.doc));
  }

  /** Whole UTC days before the cutoff's day, like the lowdb store: mentions, rollups, term counts and seen keys. */
  applyRetention(cutoff: string): Promise<number> {
    const c = normaliseIso(cutoff);
    if (!c) return Promise.resolve(0);
    const dayStart = `${c.slice(0, 10)}T00:00:00.000Z`;
    return this.tx(async (t) => {
      const removed = (await t.query('DELETE FROM mentions WHERE published_at < $1', [dayStart])).rowCount ?? 0;
      await t.query('DELETE FROM rollups WHERE hour < $1', [dayStart]);
      await t.query('DELETE FROM rollup_terms WHERE hour < $1', [dayStart]);
      await t.query('DELETE FROM seen_items WHERE seen_at < $1', [dayStart]);
      return removed;
    });
  }

  /** One transaction: the rows go, and their counts and terms leave the rollups (seen_items keep the item keys). */
  deleteMentionsByAuthor(authors: readonly string[]): Promise<number> {
    if (authors.length === 0) return Promise.resolve(0);
    return this.tx(async (t) => {
      const { rows } = await t.query<{ key: string; doc: unknown }>("DELETE FROM mentions WHERE doc->>'author' = ANY($1::text[]) RETURNING key, doc", [[...authors]]);
      await addToRollups(t, rows.map((r) => readMention(r.key, r.doc)), -1);
      // sentiment corrections quote the mention's text: they go too
      if (rows.length > 0) await t.query('DELETE FROM feedback WHERE mention_key = ANY($1::text[])', [rows.map((r) => r.key)]);
      return rows.length;
    });
  }

  async outboxSince(since: string): Promise<OutboxEntry[]> {
    const s = normaliseIso(since);
    if (s === undefined) return [];
    const rows = await this.q<{ id: string; doc: unknown }>('SELECT id, doc FROM outbox WHERE created_at >= $1 ORDER BY created_at, seq, id', [s]);
    return rows.map((r) => readOutbox(r.id, r.doc)).sort(outboxOrder);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
