import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mention } from '../../src/domain/types.js';
import { TOP_TERMS_PER_HOUR } from '../../src/store/rollup-core.js';
import type { MentionQuery, Store } from '../../src/store/store.js';
import { describeOutboxContract } from './contract-outbox.js';
import { describeErasureContract } from './contract-erasure.js';
import { batch, checkConsistency, mention } from './helpers.js';
import type { ContractContext } from './contract-context.js';

/**
 * The Store contract: what every adapter (lowdb, memory, postgres) must do, written once. Each adapter's test file
 * calls `describeStoreContract` with a harness; nothing here knows which adapter runs.
 */
export interface StoreSpace {
  /** open the store on this space (again, after close: a persistent adapter finds its data) */
  open(now: () => Date): Promise<Store>;
  /** remove the space (files, schema) */
  dispose(): Promise<void>;
}

export interface StoreHarness {
  name: string;
  /** false for the memory store: "reopen" then means the same instance, and nothing is checked across processes */
  persistent: boolean;
  /** a fresh, empty space for one test */
  space(): Promise<StoreSpace>;
}

export const NOW = '2026-11-23T12:30:00.000Z';
const neg = { label: 'negative' as const, confidence: 1, scores: { negative: 1, neutral: 0, positive: 0 }, classifier: 't' };
const pos = { label: 'positive' as const, confidence: 0.8, scores: { negative: 0.1, neutral: 0.1, positive: 0.8 }, classifier: 't' };

/** A deterministic pseudo-random generator (no Math.random in tests: failures must replay). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export function describeStoreContract(h: StoreHarness): void {
  describe(`Store contract: ${h.name}`, () => {
    let space: StoreSpace;
    let current: Store | undefined;
    let now = new Date(NOW);
    const clock = (): Date => now;
    const ctx: ContractContext = {
      store: () => {
        if (!current) throw new Error('store not open');
        return current;
      },
      reopen: async () => {
        await current?.close();
        current = undefined;
        current = await space.open(clock);
        return current;
      },
      setNow: (iso) => void (now = new Date(iso)),
      persistent: h.persistent,
    };

    beforeEach(async () => {
      now = new Date(NOW);
      space = await h.space();
      current = await space.open(clock);
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
      await space.dispose();
    });

    describeMentionContract(ctx);
    describeOutboxContract(ctx);
    describeErasureContract(ctx);
  });
}

function describeMentionContract(ctx: ContractContext): void {
  const keys = async (q: MentionQuery): Promise<string[]> => (await ctx.store().queryMentions(q)).map((m) => m.key);

  it('GIVEN a mention committed twice (once changed) THEN it is stored once, as first written, and counted once', async () => {
    const m = mention({ itemKey: 'rss:1', publishedAt: '2026-11-23T10:00:00.000Z' });
    await ctx.store().commit(batch({ mentions: [m] }));
    await ctx.store().commit(batch({ mentions: [{ ...m, title: 'changed' }, m] }));
    const s = await ctx.reopen();
    await s.commit(batch({ mentions: [m, { ...m, title: 'changed again' }] }));
    const all = await s.queryMentions({});
    expect(all.map((x) => x.key)).toEqual(['acme|rss:1']);
    expect(all[0]?.title).toBe('Title rss:1');
    const r = await s.rollups('acme', '2026-11-23T00:00:00Z', '2026-11-24T00:00:00Z');
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ brand: 'acme', hour: '2026-11-23T10:00:00.000Z', count: 1, neutral: 1, positive: 0, negative: 0, engagement: 3 });
    expect(r[0]?.terms).toMatchObject({ acme: 1, rocket: 1, '#launch': 1 });
  });

  it('GIVEN one batch with the same mention key twice THEN the first copy wins', async () => {
    const m = mention({ itemKey: 'rss:1', publishedAt: '2026-11-23T10:00:00.000Z' });
    await ctx.store().commit(batch({ mentions: [m, { ...m, title: 'second' }] }));
    expect((await ctx.store().queryMentions({})).map((x) => x.title)).toEqual(['Title rss:1']);
    expect((await ctx.store().rollups('acme', '2026-11-23T00:00:00Z', '2026-11-24T00:00:00Z'))[0]?.count).toBe(1);
  });

  it('seenItems: item keys of mentions and of seen-only items are known, across a reopen; others are not', async () => {
    await ctx.store().commit(batch({ mentions: [mention({ itemKey: 'rss:1', publishedAt: '2026-11-23T10:00:00Z' })], seenItemKeys: ['rss:1', 'rss:2'] }));
    await ctx.store().commit(batch({ seenItemKeys: ['rss:3', 'rss:3'] }));
    const s = await ctx.reopen();
    expect(await s.seenItems(['rss:1', 'rss:2', 'rss:3', 'rss:4'])).toEqual(new Set(['rss:1', 'rss:2', 'rss:3']));
    expect(await s.seenItems([])).toEqual(new Set());
  });

  it('commit stores times as UTC toISOString(): offsets normalised, an invalid publishedAt becomes fetchedAt, an invalid fetchedAt now', async () => {
    await ctx.store().commit(batch({
      mentions: [
        mention({ itemKey: 'off', publishedAt: '2026-11-22T09:00:00+02:00', fetchedAt: '2026-11-22T09:30:00+02:00' }),
        mention({ itemKey: 'bad', publishedAt: 'not a date', fetchedAt: '2026-11-23T11:00:00Z' }),
        mention({ itemKey: 'worse', publishedAt: 'nope', fetchedAt: 'nope' }),
      ],
    }));
    const s = await ctx.reopen();
    expect(await s.getMention('acme|off')).toMatchObject({ publishedAt: '2026-11-22T07:00:00.000Z', fetchedAt: '2026-11-22T07:30:00.000Z' });
    expect(await s.getMention('acme|bad')).toMatchObject({ publishedAt: '2026-11-23T11:00:00.000Z' });
    expect(await s.getMention('acme|worse')).toMatchObject({ publishedAt: NOW, fetchedAt: NOW });
    expect((await s.rollups('acme', '2026-11-22T07:00:00Z', '2026-11-22T08:00:00Z')).map((r) => r.hour)).toEqual(['2026-11-22T07:00:00.000Z']);
  });

  it('getMention returns the whole stored mention (a copy), undefined for an unknown key', async () => {
    const m = mention({
      itemKey: 'rss:9', publishedAt: '2026-11-23T10:00:00.000Z', text: 'Acme rocks \u0000 (a NUL from a broken feed)', url: 'https://x.test/9', author: 'h:abc', site: 'x.test',
      parentKey: 't3_1', topics: ['launch'], terms: ['acme', 'rocket skates'], sentiment: { ...pos, language: 'en', scope: 'clauses', scopedText: 'Acme rocks' },
    });
    await ctx.store().commit(batch({ mentions: [m] }));
    const s = await ctx.reopen();
    const got = await s.getMention(m.key);
    expect(got).toEqual(m);
    got!.title = 'edited';
    expect((await s.getMention(m.key))?.title).toBe(m.title);
    expect((await s.queryMentions({}))[0]?.title).toBe(m.title);
    expect(await s.getMention('acme|nope')).toBeUndefined();
  });

  it('queryMentions: newest first, half-open [since, until), filters by brand, sentiment, source kind and id, and limits', async () => {
    await ctx.store().commit(batch({
      mentions: [
        mention({ itemKey: 'a', publishedAt: '2026-11-21T09:00:00Z', sentiment: neg }),
        mention({ itemKey: 'b', publishedAt: '2026-11-22T09:00:00+02:00', sourceKind: 'reddit', sourceId: 'r-x' }),
        mention({ itemKey: 'c', publishedAt: '2026-11-23T09:00:00Z', brand: 'globex', sentiment: neg }),
        mention({ itemKey: 'd', publishedAt: '2026-11-23T10:00:00Z', sentiment: pos }),
      ],
    }));
    await ctx.store().commit(batch({ mentions: [mention({ itemKey: 'e', publishedAt: '2026-11-20T23:59:59.999Z', brand: 'globex' })] }));
    await ctx.reopen();
    expect(await keys({})).toEqual(['acme|d', 'globex|c', 'acme|b', 'acme|a', 'globex|e']);
    expect(await keys({ brand: 'acme' })).toEqual(['acme|d', 'acme|b', 'acme|a']);
    expect(await keys({ brand: 'nobody' })).toEqual([]);
    expect(await keys({ sentiment: 'negative' })).toEqual(['globex|c', 'acme|a']);
    expect(await keys({ brand: 'acme', sentiment: 'negative' })).toEqual(['acme|a']);
    expect(await keys({ sourceKind: 'reddit' })).toEqual(['acme|b']);
    expect(await keys({ sourceId: 'r-x' })).toEqual(['acme|b']);
    expect(await keys({ sourceId: 'feed-a', brand: 'globex' })).toEqual(['globex|c', 'globex|e']);
    // since is inclusive, until exclusive; offsets are compared as instants
    expect(await keys({ since: '2026-11-22T07:00:00Z', until: '2026-11-23T10:00:00Z' })).toEqual(['globex|c', 'acme|b']);
    expect(await keys({ since: '2026-11-22T09:00:00+02:00', until: '2026-11-23T11:00:00+01:00' })).toEqual(['globex|c', 'acme|b']);
    expect(await keys({ since: '2026-11-23T00:00:00Z' })).toEqual(['acme|d', 'globex|c']);
    expect(await keys({ until: '2026-11-21T09:00:00.001Z' })).toEqual(['acme|a', 'globex|e']);
    expect(await keys({ since: '2026-11-24T00:00:00Z' })).toEqual([]);
    expect(await keys({ limit: 2 })).toEqual(['acme|d', 'globex|c']);
    expect(await keys({ brand: 'acme', limit: 1 })).toEqual(['acme|d']);
    expect(await keys({ brand: 'acme', since: '2026-11-21T00:00:00Z', until: '2026-11-23T00:00:00Z', limit: 5 })).toEqual(['acme|b', 'acme|a']);
  });

  it('rollups: per brand and UTC hour, hours overlapping [since, until), oldest first; sentiment split, engagement and terms', async () => {
    await ctx.store().commit(batch({
      mentions: [
        mention({ itemKey: '1', publishedAt: '2026-11-23T10:05:00Z', sentiment: neg, reach: { score: 10, comments: 5 }, terms: ['outage', 'acme'] }),
        mention({ itemKey: '2', publishedAt: '2026-11-23T10:55:00Z', sentiment: pos, reach: {}, terms: ['outage'] }),
        mention({ itemKey: '3', publishedAt: '2026-11-23T08:00:00Z', reach: { score: 1 }, terms: [] }),
        mention({ itemKey: '4', publishedAt: '2026-11-23T10:10:00Z', brand: 'globex', terms: ['other'] }),
      ],
    }));
    const s = await ctx.reopen();
    const r = await s.rollups('acme', '2026-11-23T08:30:00Z', '2026-11-23T11:00:00Z');
    expect(r).toEqual([
      { brand: 'acme', hour: '2026-11-23T08:00:00.000Z', count: 1, positive: 0, neutral: 1, negative: 0, engagement: 1, terms: {} },
      { brand: 'acme', hour: '2026-11-23T10:00:00.000Z', count: 2, positive: 1, neutral: 0, negative: 1, engagement: 15, terms: { outage: 2, acme: 1 } },
    ]);
    expect((await s.rollups('acme', '2026-11-23T09:00:00Z', '2026-11-23T10:00:00Z'))).toEqual([]);
    expect((await s.rollups('acme', '2026-11-23T11:00:00Z', '2026-11-23T10:00:00Z'))).toEqual([]);
    expect((await s.rollups('acme', 'not a date', '2026-11-23T12:00:00Z'))).toEqual([]);
    expect((await s.rollups('nobody', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'))).toEqual([]);
    expect((await s.rollups('globex', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z')).map((x) => x.terms)).toEqual([{ other: 1 }]);
  });

  it(`rollups keep the ${TOP_TERMS_PER_HOUR} most frequent terms of an hour, ties by term, counted over every commit`, async () => {
    const many = Array.from({ length: TOP_TERMS_PER_HOUR + 20 }, (_, i) => `t${String(i).padStart(3, '0')}`);
    await ctx.store().commit(batch({ mentions: [mention({ itemKey: 'x1', publishedAt: '2026-11-23T10:00:00Z', terms: many })] }));
    await ctx.store().commit(batch({ mentions: [mention({ itemKey: 'x2', publishedAt: '2026-11-23T10:30:00Z', terms: ['t119', 'zz'] })] }));
    await ctx.store().commit(batch({ mentions: [mention({ itemKey: 'x3', publishedAt: '2026-11-23T10:40:00Z', terms: ['zz'] })] }));
    const [r] = await ctx.store().rollups('acme', '2026-11-23T10:00:00Z', '2026-11-23T11:00:00Z');
    const terms = Object.entries(r!.terms);
    expect(terms).toHaveLength(TOP_TERMS_PER_HOUR);
    expect(terms.slice(0, 3)).toEqual([['t119', 2], ['zz', 2], ['t000', 1]]);
    expect(terms.at(-1)).toEqual([`t${String(TOP_TERMS_PER_HOUR - 3).padStart(3, '0')}`, 1]);
  });

  it('rollups of a mention without ingest terms count a word split of title and text', async () => {
    await ctx.store().commit(batch({ mentions: [mention({ itemKey: 'w', publishedAt: '2026-11-23T10:00:00Z', title: "Acme's NEW launch", text: 'the 2026 #Launch of it' })] }));
    const [r] = await ctx.store().rollups('acme', '2026-11-23T10:00:00Z', '2026-11-23T11:00:00Z');
    expect(r?.terms).toEqual({ acme: 1, launch: 1, '#launch': 1 });
  });

  it('GIVEN many overlapping commits and reopenings THEN mentions are unique and rollups equal them', async () => {
    const rnd = lcg(11);
    const expected = new Map<string, Mention>();
    for (let step = 0; step < 8; step++) {
      const ms = Array.from({ length: 25 }, () => {
        const id = Math.floor(rnd() * 60);
        const label = (['negative', 'neutral', 'positive'] as const)[id % 3]!;
        return mention({
          itemKey: `rss:${id}`, brand: id % 2 ? 'acme' : 'globex', publishedAt: `2026-11-${20 + (id % 4)}T${String(id % 24).padStart(2, '0')}:${String(id).padStart(2, '0')}:00Z`,
          sentiment: { ...neg, label }, reach: { score: id, comments: 1 }, terms: [`a${id % 7}`, `b${id % 5}`],
        });
      });
      await ctx.store().commit(batch({ mentions: ms }));
      for (const m of ms) if (!expected.has(m.key)) expected.set(m.key, m);
      if (step % 3 === 2) await ctx.reopen();
    }
    const { mentions, problems } = await checkConsistency(ctx.store(), '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z');
    expect(problems).toEqual([]);
    expect(new Set(mentions.map((m) => m.key))).toEqual(new Set(expected.keys()));
    for (const brand of ['acme', 'globex']) {
      const rs = await ctx.store().rollups(brand, '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z');
      const own = [...expected.values()].filter((m) => m.brand === brand);
      expect(rs.reduce((n, r) => n + r.engagement, 0)).toBe(own.reduce((n, m) => n + (m.reach.score ?? 0) + (m.reach.comments ?? 0), 0));
      expect(rs.reduce((n, r) => n + r.negative, 0)).toBe(own.filter((m) => m.sentiment.label === 'negative').length);
      expect(rs.reduce((n, r) => n + Object.values(r.terms).reduce((a, b) => a + b, 0), 0)).toBe(own.length * 2);
    }
  });

  it('applyRetention deletes the mentions and rollups of whole UTC days before the cutoff, and counts them', async () => {
    await ctx.store().commit(batch({
      mentions: [
        mention({ itemKey: 'x1', publishedAt: '2026-10-05T10:00:00Z' }),
        mention({ itemKey: 'x2', publishedAt: '2026-11-01T10:00:00Z' }),
        mention({ itemKey: 'x3', publishedAt: '2026-11-01T23:59:59.999Z', brand: 'globex' }),
        mention({ itemKey: 'x4', publishedAt: '2026-11-02T00:00:00Z' }),
      ],
    }));
    const s = ctx.store();
    expect(await s.applyRetention('2026-11-02T00:00:00Z')).toBe(3);
    expect(await keys({})).toEqual(['acme|x4']);
    expect(await s.getMention('acme|x2')).toBeUndefined();
    expect((await s.rollups('acme', '2026-10-01T00:00:00Z', '2026-12-01T00:00:00Z')).map((r) => r.hour)).toEqual(['2026-11-02T00:00:00.000Z']);
    expect(await s.rollups('globex', '2026-10-01T00:00:00Z', '2026-12-01T00:00:00Z')).toEqual([]);
    expect(await s.applyRetention('2026-11-02T00:00:00Z')).toBe(0);
    expect(await s.applyRetention('not a date')).toBe(0);
    const again = await ctx.reopen();
    expect((await again.queryMentions({})).map((m) => m.key)).toEqual(['acme|x4']);
  });
}
