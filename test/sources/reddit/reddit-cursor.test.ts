import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pollListing, readCursor } from '../../../src/sources/reddit/cursor.js';
import type { FetchPage } from '../../../src/sources/reddit/fetch-listing.js';
import { parsePost } from '../../../src/sources/reddit/items.js';
import type { SourceState } from '../../../src/sources/source.js';

interface Post {
  n: number;
  created: number;
}
const child = (p: Post) => ({ id: p.n.toString(36), name: `t3_${p.n.toString(36)}`, title: `p${p.n}`, created_utc: p.created, permalink: `/r/x/comments/${p.n.toString(36)}/p/`, subreddit: 'x' });

/** An in-memory /new listing paged by `after`, like Reddit's. */
function listing(posts: Post[], limit: number): FetchPage {
  return async (after) => {
    const sorted = [...posts].sort((a, b) => b.created - a.created || b.n - a.n);
    const from = after ? sorted.findIndex((p) => `t3_${p.n.toString(36)}` === after) + 1 : 0;
    const page = sorted.slice(from, from + limit);
    return { children: page.map(child), after: from + limit < sorted.length && page.length ? `t3_${page.at(-1)!.n.toString(36)}` : null };
  };
}
const opts = { overlapSeconds: 60, maxPages: 50, firstPollPages: 1 };
const parse = (c: unknown) => parsePost(c, { id: 's' });

describe('pollListing', () => {
  it('GIVEN arrivals in any order within the overlap, over many polls THEN each item comes exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: -25, max: 30 }), { maxLength: 25 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 10 }),
        async (rounds, limit) => {
          const posts: Post[] = [];
          let n = 1000;
          let clock = 1_000_000;
          let state: SourceState = {};
          const got: string[] = [];
          for (const round of rounds) {
            // late arrivals at most 55 s below anything already seen (overlap 60 s)
            for (const d of round) posts.push({ n: n++, created: clock + d });
            const r = await pollListing(listing(posts, limit), parse, state, { ...opts, firstPollPages: 50, nowSeconds: clock });
            state = r.state;
            got.push(...r.entries.map((e) => e.name));
            const createds = r.entries.map((e) => e.created);
            expect(createds).toEqual([...createds].sort((a, b) => a - b));
            clock += 5;
          }
          expect(new Set(got).size).toBe(got.length);
          expect(got.length).toBe(posts.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('GIVEN no cursor THEN it reads only firstPollPages pages', async () => {
    const posts = Array.from({ length: 30 }, (_, i) => ({ n: 100 + i, created: 5000 + i }));
    let calls = 0;
    const fetch: FetchPage = (after) => (calls++, listing(posts, 10)(after));
    const r = await pollListing(fetch, parse, {}, opts);
    expect(calls).toBe(1);
    expect(r.entries.map((e) => e.created)).toEqual(Array.from({ length: 10 }, (_, i) => 5020 + i));
    expect(readCursor(r.state)).toMatchObject({ newestCreated: 5029, newest: `t3_${(129).toString(36)}` });
  });

  it('GIVEN an empty first poll THEN the cursor starts at now, so a burst before the next poll is read in full', async () => {
    const posts: Post[] = [];
    const first = await pollListing(listing(posts, 10), parse, {}, { ...opts, nowSeconds: 9000 });
    expect(readCursor(first.state).newestCreated).toBe(9000);
    for (let i = 0; i < 35; i++) posts.push({ n: 200 + i, created: 9001 + i });
    expect((await pollListing(listing(posts, 10), parse, first.state, opts)).entries).toHaveLength(35);
  });

  it('GIVEN a garbage state THEN it starts afresh instead of throwing', () => {
    expect(readCursor({ newestCreated: 'x', recent: 5 })).toEqual({ recent: [] });
  });

  it('GIVEN an aborted signal THEN it stops before fetching', async () => {
    const ac = new AbortController();
    ac.abort(new Error('shutdown'));
    await expect(pollListing(listing([], 10), parse, {}, { ...opts, signal: ac.signal })).rejects.toThrow('shutdown');
  });
});
