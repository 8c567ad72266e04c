import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRedditStandin, type RedditStandin } from '../../support/reddit-standin.js';
import { RedditAuthError, RedditConfigError, RedditStatusError } from '../../../src/sources/reddit/index.js';
import { fakeClock } from '../../support/fake-clock.js';
import { UA, byId, poller, sourcesFor } from './helpers.js';

let standin: RedditStandin;
beforeEach(async () => {
  standin = await startRedditStandin();
});
afterEach(async () => {
  vi.useRealTimers();
  await standin.close();
});

describe('authentication', () => {
  it('GIVEN a refresh token THEN it gets a bearer token with Basic auth, sends the Reddit UA, and refreshes after expiry', async () => {
    // snoowrap and the stand-in read the token's expiry off Date.now(), which alone is faked here (the budget runs on
    // its own fake clock): the 0.3 s token life passes without waiting
    vi.useFakeTimers({ toFake: ['Date'] });
    standin.setExpiresIn(0.3);
    const clock = fakeClock(Date.now(), { auto: true });
    const p = poller(byId(sourcesFor(standin, { clock }).sources, 'reddit-r-acme-posts'));
    await p.poll();
    expect(standin.tokensIssued).toBe(1);
    const api = standin.apiRequests();
    expect(api[0]).toMatchObject({ path: '/r/acme/new', authorization: 'Bearer tok-1', userAgent: UA });
    expect(api[0]!.query).toMatchObject({ limit: '100', raw_json: '1' });
    await p.poll();
    expect(standin.tokensIssued).toBe(1); // still valid
    vi.setSystemTime(Date.now() + 350);
    await p.poll();
    expect(standin.tokensIssued).toBe(2);
    expect(standin.apiRequests().at(-1)!.authorization).toBe('Bearer tok-2');
    expect(standin.apiRequests().every((r) => r.status === 200)).toBe(true);
    clock.auto(false);
  });

  it('GIVEN username and password (script app) THEN the password grant is used', async () => {
    const { sources } = sourcesFor(standin, { refreshToken: undefined, username: 'standin-user', password: 'standin-pass' });
    await poller(sources[0]!).poll();
    expect(standin.tokensIssued).toBe(1);
  });

  it('GIVEN a wrong secret or a revoked refresh token THEN the poll fails with RedditAuthError', async () => {
    await expect(poller(sourcesFor(standin, { clientSecret: 'wrong' }).sources[0]!).poll()).rejects.toBeInstanceOf(RedditAuthError);
    await expect(poller(sourcesFor(standin, { refreshToken: 'revoked' }).sources[0]!).poll()).rejects.toBeInstanceOf(RedditAuthError);
    expect(standin.apiRequests()).toHaveLength(0);
  });

  it('GIVEN no refresh token and no password THEN creation fails with RedditConfigError', () => {
    expect(() => sourcesFor(standin, { refreshToken: undefined })).toThrow(RedditConfigError);
  });
});

describe('mentions', () => {
  it('GIVEN new posts THEN they become RawItems, oldest first, with permalink links, ISO times and reach', async () => {
    const { sources } = sourcesFor(standin);
    const p = poller(byId(sources, 'reddit-r-acme-posts'));
    await p.poll();
    const a = standin.addPost({ subreddit: 'acme', title: 'Acme rocks', selftext: 'really **good**', author: 'alice', createdUtc: 1_800_000_000, score: 42 });
    const b = standin.addPost({ subreddit: 'acme', title: 'Acme broke', author: '[deleted]', createdUtc: 1_800_000_060.5 });
    standin.addComment({ postId: a.id });
    standin.addPost({ subreddit: 'other', title: 'elsewhere' });
    const r = await p.poll();
    expect(r.items).toEqual([
      {
        sourceId: 'reddit-r-acme-posts', sourceKind: 'reddit', guid: `t3_${a.id}`,
        link: `https://www.reddit.com/r/acme/comments/${a.id}/acme_rocks/`, title: 'Acme rocks', text: 'really **good**', author: 'alice',
        publishedAt: '2027-01-15T08:00:00.000Z', site: 'r/acme', reach: { score: 42, comments: 1 },
      },
      expect.objectContaining({ guid: `t3_${b.id}`, author: undefined, publishedAt: '2027-01-15T08:01:00.500Z' }),
    ]);
  });

  it('GIVEN new comments THEN they link to the comment, name the post and carry the post fullname as parentKey', async () => {
    const { sources } = sourcesFor(standin, { comments: true });
    const post = standin.addPost({ subreddit: 'acme', title: 'Acme launch', createdUtc: 1_800_000_000 });
    const p = poller(byId(sources, 'reddit-r-acme-comments'));
    await p.poll();
    const c = standin.addComment({ postId: post.id, body: 'Love it', author: 'bob', score: 7, createdUtc: 1_800_000_100 });
    const r = await p.poll();
    expect(r.items).toEqual([
      {
        sourceId: 'reddit-r-acme-comments', sourceKind: 'reddit', guid: `t1_${c.id}`,
        link: `https://www.reddit.com/r/acme/comments/${post.id}/acme_launch/${c.id}/`, title: 'Comment on: Acme launch', text: 'Love it',
        author: 'bob', publishedAt: new Date(1_800_000_100_000).toISOString(), site: 'r/acme', reach: { score: 7 }, parentKey: `t3_${post.id}`,
      },
    ]);
  });

  it('GIVEN a brand THEN its site-wide search sorted by new finds posts in any subreddit', async () => {
    const { sources } = sourcesFor(standin, { subreddits: [], brands: [{ name: 'Acme Corp', query: '"Acme" OR "ACME Corp"' }] });
    expect(sources.map((s) => s.id)).toEqual(['reddit-search-acme-corp']);
    const p = poller(sources[0]!);
    await p.poll();
    standin.addPost({ subreddit: 'gadgets', title: 'My acme corp phone' });
    standin.addPost({ subreddit: 'cooking', title: 'nothing to see' });
    const r = await p.poll();
    expect(r.items.map((i) => [i.title, i.site])).toEqual([['My acme corp phone', 'r/gadgets']]);
    expect(standin.apiRequests().at(-1)).toMatchObject({ path: '/search', query: expect.objectContaining({ sort: 'new', q: '"Acme" OR "ACME Corp"' }) });
  });

  it('GIVEN searchInSubreddits THEN each brand is also searched inside each subreddit, newest first, restricted to it', async () => {
    const brands = [{ name: 'Acme', query: '"Acme"' }];
    expect(sourcesFor(standin, { brands }).sources.map((s) => s.id)).toEqual(['reddit-search-acme', 'reddit-r-acme-posts']);
    const { sources } = sourcesFor(standin, { brands, subreddits: ['acme', 'Gadgets'], searchInSubreddits: true });
    expect(sources.map((s) => s.id)).toEqual(['reddit-search-acme', 'reddit-r-acme-posts', 'reddit-r-acme-search-acme', 'reddit-r-gadgets-posts', 'reddit-r-gadgets-search-acme']);
    const p = poller(byId(sources, 'reddit-r-gadgets-search-acme'));
    await p.poll();
    standin.addPost({ subreddit: 'gadgets', title: 'Acme phone review' });
    standin.addPost({ subreddit: 'cooking', title: 'Acme pans' });
    standin.addPost({ subreddit: 'gadgets', title: 'Other phone' });
    expect((await p.poll()).items.map((i) => [i.title, i.site])).toEqual([['Acme phone review', 'r/gadgets']]);
    expect(standin.apiRequests().at(-1)).toMatchObject({ path: '/r/Gadgets/search', query: expect.objectContaining({ restrict_sr: 'true', sort: 'new', q: '"Acme"' }) });
  });

  it('GIVEN a malformed child THEN it is skipped with a warning and the others are kept', async () => {
    const { sources } = sourcesFor(standin);
    const p = poller(sources[0]!);
    await p.poll();
    standin.addPost({ subreddit: 'acme', title: 'ok 1' });
    standin.addPost({ subreddit: 'acme', title: 'bad', extra: { created_utc: 'yesterday' } });
    standin.addPost({ subreddit: 'acme', title: 'ok 2' });
    const r = await p.poll();
    expect(r.items.map((i) => i.title).sort()).toEqual(['ok 1', 'ok 2']);
    expect(r.warnings).toEqual([expect.stringMatching(/^skipped t3_\w+: created_utc/)]);
  });

  it('GIVEN a subreddit that does not exist THEN the poll fails with RedditStatusError 404', async () => {
    standin.failNext(404);
    await expect(poller(sourcesFor(standin).sources[0]!).poll()).rejects.toMatchObject({ name: RedditStatusError.name, statusCode: 404 });
  });
});

describe('freshness', () => {
  it('reports each target, its last poll and the seconds since', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const { sources, freshness } = sourcesFor(standin, { comments: true, now: () => now });
    expect(freshness()).toEqual([
      { sourceId: 'reddit-r-acme-posts', target: 'r/acme new posts', budgetQueued: 0 },
      { sourceId: 'reddit-r-acme-comments', target: 'r/acme new comments', budgetQueued: 0 },
    ]);
    await sources[0]!.poll({ now, signal: new AbortController().signal, state: {} });
    now = new Date('2026-01-01T00:05:00Z');
    expect(freshness()[0]).toEqual({ sourceId: 'reddit-r-acme-posts', target: 'r/acme new posts', lastPolledAt: '2026-01-01T00:00:00.000Z', lagSeconds: 300, budgetQueued: 0 });
    expect(freshness()[1]).not.toHaveProperty('lastPolledAt');
  });
});
