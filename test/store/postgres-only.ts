import type pg from 'pg';
import { expect, it } from 'vitest';
import { silentLogger } from '../../src/shared/logger.js';
import { migratePostgres, openPostgresStore, PgRowInvalidError, PgSchemaTooNewError } from '../../src/store/postgres/index.js';
import type { Store } from '../../src/store/store.js';
import { entry } from './contract-outbox.js';
import { batch, checkConsistency, mention } from './helpers.js';

/** What only the Postgres adapter promises: migrations, one transaction per batch, several writers, indexes, checked rows. */
interface Space {
  schema: string;
  open(now: () => Date): Promise<Store>;
  dispose(): Promise<void>;
}

export function describePostgresOnly(h: { url: () => string; space: () => Promise<Space>; admin: () => pg.Pool }): void {
  const clock = (): Date => new Date('2026-11-23T12:30:00.000Z');
  const withSpace = async (fn: (s: Space) => Promise<void>): Promise<void> => {
    const s = await h.space();
    try {
      await fn(s);
    } finally {
      await s.dispose();
    }
  };

  it('migrations: applied once at open, even by several processes at once; migrate is then a no-op; a newer schema is refused', () =>
    withSpace(async (s) => {
      const stores = await Promise.all([s.open(clock), s.open(clock), s.open(clock)]);
      await Promise.all(stores.map((x) => x.close()));
      const { rows } = await h.admin().query(`SELECT version, name FROM ${s.schema}.schema_migrations ORDER BY version`);
      expect(rows).toEqual([{ version: 1, name: 'initial' }]);
      expect(await migratePostgres({ url: h.url(), schema: s.schema, logger: silentLogger() })).toEqual([]);
      await h.admin().query(`INSERT INTO ${s.schema}.schema_migrations (version, name) VALUES (99, 'future')`);
      await expect(openPostgresStore({ url: h.url(), schema: s.schema, logger: silentLogger() })).rejects.toBeInstanceOf(PgSchemaTooNewError);
    }));

  it('migrate on an empty schema creates every table with its unique constraints', () =>
    withSpace(async (s) => {
      expect(await migratePostgres({ url: h.url(), schema: s.schema, logger: silentLogger() })).toEqual([1]);
      const { rows } = await h.admin().query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexdef LIKE 'CREATE UNIQUE%'`, [s.schema]);
      const defs = rows.map((r) => r.indexdef).join('\n');
      for (const t of ['mentions USING btree (key)', 'seen_items USING btree (item_key)', 'outbox USING btree (id)', 'feedback USING btree (mention_key, by_user, at)', 'rollups USING btree (brand, hour)'])
        expect(defs).toContain(`${s.schema}.${t}`);
    }));

  it('GIVEN a batch that fails part-way THEN nothing of it is stored (one transaction per batch)', () =>
    withSpace(async (s) => {
      const store = await s.open(clock);
      try {
        const bad = { ...entry('x', '2026-11-23T12:00:00.000Z'), status: 'bogus' as 'pending' };
        const b = batch({ mentions: [mention({ itemKey: 'rss:1', publishedAt: '2026-11-23T10:00:00Z' })], seenItemKeys: ['rss:2'], kv: { k: 1 }, outbox: [bad] });
        await expect(store.commit(b)).rejects.toThrow();
        expect(await store.queryMentions({})).toEqual([]);
        expect(await store.seenItems(['rss:1', 'rss:2'])).toEqual(new Set());
        expect(await store.rollups('acme', '2026-11-23T00:00:00Z', '2026-11-24T00:00:00Z')).toEqual([]);
        expect(await store.kvGet('k')).toBeUndefined();
      } finally {
        await store.close();
      }
    }));

  it('GIVEN several writers committing overlapping batches at once THEN every mention is stored once and rollups equal them', () =>
    withSpace(async (s) => {
      const writers = await Promise.all([s.open(clock), s.open(clock), s.open(clock)]);
      try {
        const ms = Array.from({ length: 120 }, (_, i) =>
          mention({ itemKey: `rss:${i}`, brand: i % 3 ? 'acme' : 'globex', publishedAt: `2026-11-23T${String(i % 6).padStart(2, '0')}:00:00Z`, terms: [`t${i % 9}`, 'shared'] }),
        );
        const rounds: Promise<void>[] = [];
        for (let r = 0; r < 4; r++) {
          writers.forEach((w, wi) => {
            const slice = ms.filter((_, i) => (i + r + wi) % 2 === 0);
            rounds.push(w.commit(batch({ mentions: wi % 2 ? slice.reverse() : slice })));
          });
        }
        await Promise.all(rounds);
        const { mentions, problems } = await checkConsistency(writers[0]!, '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z');
        expect(problems).toEqual([]);
        expect(mentions).toHaveLength(120);
        const hours = await writers[1]!.rollups('acme', '2026-11-23T00:00:00Z', '2026-11-24T00:00:00Z');
        expect(hours.reduce((n, r) => n + (r.terms.shared ?? 0), 0)).toBe(80);
      } finally {
        await Promise.all(writers.map((w) => w.close()));
      }
    }));

  it('every read the bot makes can use an index', () =>
    withSpace(async (s) => {
      await (await s.open(clock)).close();
      const c = await h.admin().connect();
      try {
        await c.query(`SET search_path = ${s.schema}`);
        await c.query('SET enable_seqscan = off');
        const plan = async (sql: string, params: unknown[] = []): Promise<string> =>
          (await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
        const t = '2026-11-23T00:00:00Z';
        expect(await plan('SELECT doc FROM mentions WHERE brand = $1 AND published_at >= $2 AND published_at < $3 ORDER BY published_at DESC, key LIMIT 20000', ['acme', t, t])).toMatch(/mentions_brand_time/);
        expect(await plan('SELECT doc FROM mentions ORDER BY published_at DESC, key LIMIT 10')).toMatch(/mentions_time/);
        expect(await plan('SELECT doc FROM mentions WHERE key = $1', ['k'])).toMatch(/mentions_pkey/);
        expect(await plan('SELECT item_key FROM seen_items WHERE item_key = ANY($1::text[])', [['a']])).toMatch(/seen_items_pkey/);
        expect(await plan('SELECT * FROM rollups WHERE brand = $1 AND hour >= $2 AND hour < $3 ORDER BY hour', ['acme', t, t])).toMatch(/rollups_pkey/);
        expect(await plan("SELECT doc FROM outbox WHERE status = 'pending' AND not_before <= $1 ORDER BY created_at, seq, id", [t])).toMatch(/outbox_due/);
        expect(await plan('DELETE FROM mentions WHERE published_at < $1', [t])).toMatch(/mentions_time/);
      } finally {
        c.release();
      }
    }));

  it('GIVEN a stored document that no longer has the shape of a mention or entry THEN reading it fails with the table and id', () =>
    withSpace(async (s) => {
      const store = await s.open(clock);
      try {
        await store.commit(batch({ mentions: [mention({ itemKey: 'rss:1', publishedAt: '2026-11-23T10:00:00Z' })], outbox: [entry('o1', '2026-11-23T10:00:00Z')] }));
        await h.admin().query(`UPDATE ${s.schema}.mentions SET doc = '{"key": "acme|rss:1"}'`);
        await h.admin().query(`UPDATE ${s.schema}.outbox SET doc = '{"id": "o1", "status": "maybe"}'`);
        await expect(store.getMention('acme|rss:1')).rejects.toThrow(PgRowInvalidError);
        await expect(store.queryMentions({})).rejects.toThrow(/invalid mentions row acme\|rss:1/);
        await expect(store.outboxGet('o1')).rejects.toThrow(/invalid outbox row o1: .*status/);
      } finally {
        await store.close();
      }
    }));
}
