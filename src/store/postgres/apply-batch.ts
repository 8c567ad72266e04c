import type { PoolClient } from 'pg';
import type { HourlyRollup, Mention } from '../../domain/types.js';
import { hourKey, mentionTerms, normaliseIso, OUTBOX_KEEP_SENT_MS, topTerms, TOP_TERMS_PER_HOUR } from '../rollup-core.js';
import type { CycleBatch, OutboxEntry } from '../store.js';

/**
 * One cycle batch inside the caller's transaction. Idempotent: mention keys, item keys and outbox ids are unique
 * constraints (ON CONFLICT DO NOTHING), and only the mentions this statement really inserted (RETURNING) are added to
 * the hourly rollups, so re-applying a batch (a retry after a lost acknowledgement) counts nothing twice.
 * Rows are written in key order, so two writers lock shared rows in the same order and cannot deadlock.
 */
export async function applyBatch(c: PoolClient, batch: CycleBatch, now: Date): Promise<void> {
  const mentions = normaliseMentions(batch.mentions, now);
  const items = [...new Set([...batch.mentions.map((m) => m.itemKey), ...batch.seenItemKeys])].sort();
  if (items.length > 0) {
    await c.query('INSERT INTO seen_items (item_key, seen_at) SELECT k, $2 FROM unnest($1::text[]) AS k ON CONFLICT DO NOTHING', [items, now.toISOString()]);
  }
  if (mentions.length > 0) {
    const { rows } = await c.query<{ key: string }>(
      `INSERT INTO mentions (key, item_key, brand, published_at, sentiment, source_kind, source_id, doc)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::json[])
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [
        mentions.map((m) => m.key),
        mentions.map((m) => m.itemKey),
        mentions.map((m) => m.brand),
        mentions.map((m) => m.publishedAt),
        mentions.map((m) => m.sentiment.label),
        mentions.map((m) => m.sourceKind),
        mentions.map((m) => m.sourceId),
        mentions.map((m) => JSON.stringify(m)),
      ],
    );
    const inserted = new Set(rows.map((r) => r.key));
    await addToRollups(c, mentions.filter((m) => inserted.has(m.key)));
  }
  await mergeState(c, batch);
  if (batch.outbox.length > 0) await enqueue(c, batch.outbox, now);
}

/** toISOString() times (an invalid publishedAt becomes fetchedAt, an invalid fetchedAt now); first copy of a key wins. */
function normaliseMentions(raw: readonly Mention[], now: Date): Mention[] {
  const byKey = new Map<string, Mention>();
  for (const m of raw) {
    if (byKey.has(m.key)) continue;
    const fetchedAt = normaliseIso(m.fetchedAt) ?? now.toISOString();
    byKey.set(m.key, { ...m, fetchedAt, publishedAt: normaliseIso(m.publishedAt) ?? fetchedAt });
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A brand-hour rollup being built: every term counted, not only the top ones. */
type Group = Omit<HourlyRollup, 'terms'> & { terms: Map<string, number> };

/**
 * Add new mentions to their brand-hour rollups (sign 1), or take deleted ones out (sign -1): counts by upsert (the row
 * lock serialises writers of one hour), every term's count in rollup_terms, then each touched hour's top terms
 * re-ranked from its full term counts (topTerms). Taking out drops the term rows and hours that reach 0.
 */
export async function addToRollups(c: PoolClient, mentions: readonly Mention[], sign: 1 | -1 = 1): Promise<void> {
  if (mentions.length === 0) return;
  const groups = new Map<string, Group>();
  for (const m of mentions) {
    const hour = hourKey(m.publishedAt);
    const id = `${m.brand}\u0000${hour}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { brand: m.brand, hour, count: 0, positive: 0, neutral: 0, negative: 0, engagement: 0, terms: new Map() }));
    g.count += sign;
    g[m.sentiment.label] += sign;
    g.engagement += sign * ((m.reach.score ?? 0) + (m.reach.comments ?? 0));
    for (const t of mentionTerms(m)) g.terms.set(t, (g.terms.get(t) ?? 0) + sign);
  }
  const list = [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, g]) => g);
  const brands = list.map((g) => g.brand);
  const hours = list.map((g) => g.hour);
  await c.query(
    `INSERT INTO rollups (brand, hour, count, positive, neutral, negative, engagement, terms)
     SELECT b, h, n, p, u, g, e, '{}'::json FROM unnest($1::text[], $2::timestamptz[], $3::int[], $4::int[], $5::int[], $6::int[], $7::float8[]) AS x(b, h, n, p, u, g, e)
     ON CONFLICT (brand, hour) DO UPDATE SET count = rollups.count + EXCLUDED.count, positive = rollups.positive + EXCLUDED.positive,
       neutral = rollups.neutral + EXCLUDED.neutral, negative = rollups.negative + EXCLUDED.negative, engagement = rollups.engagement + EXCLUDED.engagement`,
    [brands, hours, list.map((g) => g.count), list.map((g) => g.positive), list.map((g) => g.neutral), list.map((g) => g.negative), list.map((g) => g.engagement)],
  );
  const tb: string[] = [];
  const th: string[] = [];
  const tt: string[] = [];
  const tn: number[] = [];
  for (const g of list) {
    for (const [term, n] of [...g.terms].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      tb.push(g.brand);
      th.push(g.hour);
      tt.push(term);
      tn.push(n);
    }
  }
  if (tt.length > 0) {
    await c.query(
      `INSERT INTO rollup_terms (brand, hour, term, count) SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::int[])
       ON CONFLICT (brand, hour, term) DO UPDATE SET count = rollup_terms.count + EXCLUDED.count`,
      [tb, th, tt, tn],
    );
  }
  if (sign < 0) {
    await c.query('DELETE FROM rollup_terms t USING unnest($1::text[], $2::timestamptz[]) AS x(b, h) WHERE t.brand = x.b AND t.hour = x.h AND t.count <= 0', [brands, hours]);
    await c.query('DELETE FROM rollups r USING unnest($1::text[], $2::timestamptz[]) AS x(b, h) WHERE r.brand = x.b AND r.hour = x.h AND r.count <= 0', [brands, hours]);
  }
  // re-rank each touched hour from its full counts (the same topTerms as every adapter: ties by term)
  const { rows } = await c.query<{ brand: string; hour: Date; term: string; count: number }>(
    `SELECT t.brand, t.hour, t.term, t.count FROM rollup_terms t JOIN unnest($1::text[], $2::timestamptz[]) AS x(b, h) ON t.brand = x.b AND t.hour = x.h`,
    [brands, hours],
  );
  const counts = new Map<string, Map<string, number>>(list.map((g) => [`${g.brand}\u0000${g.hour}`, new Map()]));
  for (const r of rows) counts.get(`${r.brand}\u0000${r.hour.toISOString()}`)?.set(r.term, r.count);
  await c.query(
    `UPDATE rollups SET terms = x.t FROM unnest($1::text[], $2::timestamptz[], $3::json[]) AS x(b, h, t) WHERE rollups.brand = x.b AND rollups.hour = x.h`,
    [brands, hours, list.map((g) => JSON.stringify(topTerms(counts.get(`${g.brand}\u0000${g.hour}`) ?? new Map(), TOP_TERMS_PER_HOUR)))],
  );
}

async function mergeState(c: PoolClient, batch: CycleBatch): Promise<void> {
  const states = Object.entries(batch.sourceStates).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  if (states.length > 0) {
    await c.query(
      'INSERT INTO source_states (source_id, state) SELECT * FROM unnest($1::text[], $2::json[]) ON CONFLICT (source_id) DO UPDATE SET state = EXCLUDED.state',
      [states.map(([id]) => id), states.map(([, s]) => JSON.stringify(s))],
    );
  }
  const health = [...new Map(batch.sourceHealth.map((h) => [h.sourceId, h])).values()].sort((a, b) => (a.sourceId < b.sourceId ? -1 : 1));
  if (health.length > 0) {
    await c.query(
      'INSERT INTO source_health (source_id, health) SELECT * FROM unnest($1::text[], $2::json[]) ON CONFLICT (source_id) DO UPDATE SET health = EXCLUDED.health',
      [health.map((h) => h.sourceId), health.map((h) => JSON.stringify(h))],
    );
  }
  const kv = Object.entries(batch.kv).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const set = kv.filter(([, v]) => v !== undefined);
  const del = kv.filter(([, v]) => v === undefined).map(([k]) => k);
  if (set.length > 0) await setKv(c, set);
  if (del.length > 0) await c.query('DELETE FROM kv WHERE key = ANY($1::text[])', [del]);
}

export async function setKv(c: Pick<PoolClient, 'query'>, entries: readonly [string, unknown][]): Promise<void> {
  await c.query('INSERT INTO kv (key, value) SELECT * FROM unnest($1::text[], $2::json[]) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [
    entries.map(([k]) => k),
    entries.map(([, v]) => JSON.stringify(v)),
  ]);
}

/** Prune sent entries older than OUTBOX_KEEP_SENT_MS, then add the entries whose id is new (first copy wins). */
export async function enqueue(c: Pick<PoolClient, 'query'>, entries: readonly OutboxEntry[], now: Date): Promise<void> {
  await c.query("DELETE FROM outbox WHERE status = 'sent' AND coalesce(sent_at, created_at) < $1", [new Date(now.getTime() - OUTBOX_KEEP_SENT_MS).toISOString()]);
  const unique = new Map<string, OutboxEntry>();
  for (const e of entries) if (!unique.has(e.id)) unique.set(e.id, e);
  if (unique.size === 0) return;
  const list = [...unique.values()];
  await c.query(
    `INSERT INTO outbox (id, status, created_at, seq, not_before, sent_at, doc)
     SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::timestamptz[], $6::timestamptz[], $7::json[])
     ON CONFLICT (id) DO NOTHING`,
    [
      list.map((e) => e.id),
      list.map((e) => e.status),
      list.map((e) => normaliseIso(e.createdAt) ?? null),
      list.map((e) => e.seq ?? 0),
      list.map((e) => normaliseIso(e.notBefore) ?? null),
      list.map((e) => normaliseIso(e.sentAt) ?? null),
      list.map((e) => JSON.stringify(e)),
    ],
  );
}
