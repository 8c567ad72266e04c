import { readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/shared/logger.js';
import { openLowdbStore, StoreSchemaTooNewError, StoreMigrationMissingError } from '../../src/store/lowdb/index.js';
import type { Store } from '../../src/store/store.js';
import { batch, checkConsistency, mention, tempDir } from './helpers.js';

const NOW = new Date('2026-11-23T12:30:00.000Z');
const logger = silentLogger();
let dir: string;
let cleanup: () => Promise<void>;
let store: Store | undefined;
const open = async (now = NOW): Promise<Store> => (store = await openLowdbStore({ dir, logger, now: () => now }));

beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => {
  await store?.close();
  store = undefined;
  await cleanup();
});

describe('lowdb store', () => {
  it('GIVEN an erased author THEN no file under the data directory (the .bak copies included) still holds their mentions', async () => {
    const s = await open();
    await s.commit(batch({ mentions: [mention({ itemKey: 'rss:1', publishedAt: '2026-11-23T10:00:00.000Z', author: 'a_gone', text: 'secret words of theirs' })] }));
    await s.commit(batch({ mentions: [mention({ itemKey: 'rss:2', publishedAt: '2026-11-23T10:30:00.000Z', author: 'a_stay' })] }));
    await s.addFeedback([{ mentionKey: 'acme|rss:1', text: 'secret words of theirs', label: 'negative', predicted: 'neutral', classifier: 't', by: 'u', at: '2026-11-23T11:00:00.000Z' }]);
    expect(await s.deleteMentionsByAuthor(['a_gone'])).toBe(1);
    const files = (await readdir(dir, { recursive: true })).map((f) => join(dir, f));
    const holding: string[] = [];
    for (const f of files) if ((await stat(f)).isFile() && /a_gone|secret words/.test(await readFile(f, 'utf8'))) holding.push(f);
    expect(holding).toEqual([]);
  });

  it('GIVEN a mention committed before a restart WHEN it is committed again THEN it is stored once and its item is seen', async () => {
    const m = mention({ itemKey: 'rss:1', publishedAt: '2026-11-23T10:00:00.000Z' });
    let s = await open();
    await s.commit(batch({ mentions: [m], seenItemKeys: ['rss:1', 'rss:2'] }));
    await s.close();
    s = await open();
    expect(await s.seenItems(['rss:1', 'rss:2', 'rss:3'])).toEqual(new Set(['rss:1', 'rss:2']));
    await s.commit(batch({ mentions: [{ ...m, title: 'changed' }, m] }));
    const all = await s.queryMentions({});
    expect(all.map((x) => x.key)).toEqual(['acme|rss:1']);
    expect(all[0]?.title).toBe('Title rss:1');
    const r = await s.rollups('acme', '2026-11-23T00:00:00Z', '2026-11-24T00:00:00Z');
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ hour: '2026-11-23T10:00:00.000Z', count: 1, neutral: 1, engagement: 3 });
    expect(r[0]?.terms).toMatchObject({ acme: 1, rocket: 1, '#launch': 1 });
  });

  it('writes only the touched day partition and the small files for a commit of today', async () => {
    const s = await open();
    await s.commit(batch({ mentions: [mention({ itemKey: 'old', publishedAt: '2026-11-20T10:00:00.000Z' })] }));
    const oldPath = join(dir, 'mentions', '2026-11-20.json');
    const past = new Date(Date.now() - 3_600_000); // an hour ago, so a rewrite now would show, without waiting for the clock
    await utimes(oldPath, past, past);
    const { mtimeMs } = await stat(oldPath);
    await s.commit(batch({ mentions: [mention({ itemKey: 'new', publishedAt: '2026-11-23T11:00:00.000Z' })] }));
    expect((await stat(oldPath)).mtimeMs).toBe(mtimeMs);
    expect((await stat(join(dir, 'mentions', '2026-11-23.json'))).mtimeMs).toBeGreaterThan(mtimeMs);
    expect((await readdir(join(dir, 'mentions'))).filter((n) => n.endsWith('.json'))).toEqual(['2026-11-20.json', '2026-11-23.json']);
    expect(await readdir(dir)).not.toContain('journal.json');
  });

  it('queryMentions filters, orders newest first and limits', async () => {
    const s = await open();
    const ms = [
      mention({ itemKey: 'a', publishedAt: '2026-11-21T09:00:00Z', sentiment: { label: 'negative', confidence: 1, scores: { negative: 1, neutral: 0, positive: 0 }, classifier: 't' } }),
      mention({ itemKey: 'b', publishedAt: '2026-11-22T09:00:00+02:00', sourceKind: 'reddit', sourceId: 'r-x' }),
      mention({ itemKey: 'c', publishedAt: '2026-11-23T09:00:00Z', brand: 'globex' }),
      mention({ itemKey: 'd', publishedAt: '2026-11-23T10:00:00Z' }),
    ];
    await s.commit(batch({ mentions: ms }));
    const keys = async (q: Parameters<Store['queryMentions']>[0]): Promise<string[]> => (await s.queryMentions(q)).map((m) => m.key);
    expect(await keys({})).toEqual(['acme|d', 'globex|c', 'acme|b', 'acme|a']);
    expect(await keys({ brand: 'acme' })).toEqual(['acme|d', 'acme|b', 'acme|a']);
    expect(await keys({ sentiment: 'negative' })).toEqual(['acme|a']);
    expect(await keys({ sourceKind: 'reddit' })).toEqual(['acme|b']);
    expect(await keys({ sourceId: 'r-x' })).toEqual(['acme|b']);
    expect(await keys({ since: '2026-11-22T07:00:00Z', until: '2026-11-23T10:00:00Z' })).toEqual(['globex|c', 'acme|b']);
    expect(await keys({ limit: 2 })).toEqual(['acme|d', 'globex|c']);
    // the +02:00 time was normalised to UTC, so it lives in the 22nd's partition and hour 07
    expect((await s.getMention('acme|b'))?.publishedAt).toBe('2026-11-22T07:00:00.000Z');
    expect(await s.getMention('nope')).toBeUndefined();
    expect((await checkConsistency(s, '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z')).problems).toEqual([]);
  });

  it('applyRetention deletes whole older days, their seen keys and rollups, and counts them', async () => {
    const s = await open();
    await s.commit(batch({
      mentions: [
        mention({ itemKey: 'x1', publishedAt: '2026-10-05T10:00:00Z' }),
        mention({ itemKey: 'x2', publishedAt: '2026-11-01T10:00:00Z' }),
        mention({ itemKey: 'x3', publishedAt: '2026-11-01T11:00:00Z' }),
        mention({ itemKey: 'x4', publishedAt: '2026-11-02T10:00:00Z' }),
      ],
    }));
    expect(await s.applyRetention('2026-11-02T00:00:00Z')).toBe(3);
    expect((await s.queryMentions({})).map((m) => m.key)).toEqual(['acme|x4']);
    expect(await s.getMention('acme|x2')).toBeUndefined();
    expect((await s.rollups('acme', '2026-10-01T00:00:00Z', '2026-12-01T00:00:00Z')).map((r) => r.hour)).toEqual(['2026-11-02T10:00:00.000Z']);
    expect(await readdir(join(dir, 'rollups'))).toEqual(['2026-11']);
    expect(await s.applyRetention('2026-11-02T00:00:00Z')).toBe(0);
  });

  it('outbox: enqueue is idempotent, due is oldest first, sent and failed persist, old sent entries are pruned', async () => {
    let now = NOW;
    const s = await openLowdbStore({ dir, logger, now: () => now });
    store = s;
    const entry = (id: string, createdAt: string, notBefore = createdAt) => ({
      id, createdAt, notBefore, status: 'pending' as const, attempts: 0,
      payload: { kind: 'notice' as const, notice: { id, level: 'info' as const, title: id, text: id, createdAt } },
    });
    await s.outboxEnqueue([entry('b', '2026-11-23T10:00:00Z'), entry('a', '2026-11-23T09:00:00Z'), entry('later', '2026-11-23T08:00:00Z', '2026-11-23T13:00:00Z')]);
    await s.outboxEnqueue([{ ...entry('a', '2026-11-23T09:00:00Z'), attempts: 9 }]);
    expect((await s.outboxDue(NOW)).map((e) => e.id)).toEqual(['a', 'b']);
    expect((await s.outboxDue(new Date('2026-11-23T13:00:00Z'))).map((e) => e.id)).toEqual(['later', 'a', 'b']);
    await s.outboxMarkSent('a', '2026-11-23T12:31:00Z', 'msg-1');
    await s.outboxMarkFailed('b', 'HTTP 500', '2026-11-23T12:40:00Z', false);
    await s.outboxMarkFailed('later', 'HTTP 403', '2026-11-23T12:40:00Z', true);
    await expect(s.outboxMarkSent('zzz', NOW.toISOString())).rejects.toThrow(/zzz/);
    await s.close();
    const s2 = await openLowdbStore({ dir, logger, now: () => now });
    store = s2;
    expect(await s2.outboxGet('a')).toMatchObject({ status: 'sent', messageId: 'msg-1', attempts: 1 });
    expect(await s2.outboxGet('b')).toMatchObject({ status: 'pending', lastError: 'HTTP 500', attempts: 1 });
    expect(await s2.outboxGet('later')).toMatchObject({ status: 'dead' });
    expect((await s2.outboxDue(new Date('2026-11-23T12:39:00Z'))).map((e) => e.id)).toEqual([]);
    expect((await s2.outboxDue(new Date('2026-11-23T12:40:00Z'))).map((e) => e.id)).toEqual(['b']);
    now = new Date('2026-12-01T13:00:00Z');
    await s2.outboxEnqueue([entry('c', now.toISOString())]);
    expect(await s2.outboxGet('a')).toBeDefined(); // a week later: /explain and the buttons still find it
    now = new Date('2026-12-29T13:00:00Z');
    await s2.outboxEnqueue([entry('d', now.toISOString())]);
    expect(await s2.outboxGet('a')).toBeUndefined();
    expect(await s2.outboxGet('b')).toBeDefined();
  });

  it('persists source state, health, kv and feedback; batch kv/outbox go through commit', async () => {
    let s = await open();
    await s.commit(batch({
      sourceStates: { 'feed-a': { etag: 'W/"1"' } },
      sourceHealth: [{ sourceId: 'feed-a', consecutiveFailures: 0, disabled: false, itemsSeen: 3 }],
      kv: { 'ori:acme': 61.5 },
    }));
    await s.kvSet('cooldown', { until: 'x' });
    await s.addFeedback([{ mentionKey: 'acme|1', text: 't', label: 'negative', predicted: 'positive', classifier: 'c', by: 'u', at: NOW.toISOString() }]);
    await s.close();
    s = await open();
    expect(await s.sourceState('feed-a')).toEqual({ etag: 'W/"1"' });
    expect(await s.sourceState('other')).toEqual({});
    expect(await s.sourceHealth()).toEqual([{ sourceId: 'feed-a', consecutiveFailures: 0, disabled: false, itemsSeen: 3 }]);
    expect(await s.kvGet<number>('ori:acme')).toBe(61.5);
    expect(await s.kvGet('cooldown')).toEqual({ until: 'x' });
    expect(await s.feedback()).toHaveLength(1);
  });

  it('refuses a newer schema and runs the migration hook for an older one', async () => {
    await (await openLowdbStore({ dir, logger })).close();
    await writeFile(join(dir, 'meta.json'), JSON.stringify({ schemaVersion: 2, createdAt: NOW.toISOString() }));
    await expect(openLowdbStore({ dir, logger })).rejects.toBeInstanceOf(StoreSchemaTooNewError);
    await writeFile(join(dir, 'meta.json'), JSON.stringify({ schemaVersion: 0, createdAt: NOW.toISOString() }));
    await expect(openLowdbStore({ dir, logger })).rejects.toBeInstanceOf(StoreMigrationMissingError);
    const ran: number[] = [];
    store = await openLowdbStore({ dir, logger, migrations: { 0: async () => void ran.push(0) } });
    expect(ran).toEqual([0]);
    expect(JSON.parse(await readFile(join(dir, 'meta.json'), 'utf-8'))).toMatchObject({ schemaVersion: 1 });
  });
});
