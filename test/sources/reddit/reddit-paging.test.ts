import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRedditStandin, type RedditStandin } from '../../support/reddit-standin.js';
import { RedditRateLimitedError, RedditUnavailableError } from '../../../src/sources/reddit/index.js';
import { fakeClock, type FakeClock } from '../../support/fake-clock.js';
import { turn, until } from '../../support/until.js';
import { byId, poller, sourcesFor as sourcesOn } from './helpers.js';

// The stand-in, the budget and the client share one fake clock: waits for retry-after, rate windows and backoff cost
// no real time (auto mode jumps to the next timer), and the times asserted are the ones the code asked for.
let standin: RedditStandin;
let clock: FakeClock;
beforeEach(async () => {
  clock = fakeClock(Date.now(), { auto: true });
  standin = await startRedditStandin({ now: clock.now });
});
afterEach(async () => {
  clock.auto(false);
  await standin.close();
});
const sourcesFor = (s: RedditStandin, over: Parameters<typeof sourcesOn>[1] = {}) => sourcesOn(s, { clock, ...over });

const addPosts = (n: number, sub = 'acme', startUtc = 1_800_000_000) =>
  Array.from({ length: n }, (_, i) => standin.addPost({ subreddit: sub, title: `post ${i}`, createdUtc: startUtc + Math.floor(i / 3) }));

describe('paging between polls', () => {
  it('GIVEN 150 posts arriving between two polls with page limit 100 THEN all 150 come once, oldest first, in 2 requests', async () => {
    addPosts(5, 'acme', 1_799_999_000);
    const p = poller(byId(sourcesFor(standin).sources, 'reddit-r-acme-posts'));
    expect((await p.poll()).items).toHaveLength(5);
    const burst = addPosts(150);
    const before = standin.apiRequests().length;
    const r = await p.poll();
    expect(r.items.map((i) => i.guid)).toEqual(burst.map((b) => `t3_${b.id}`));
    expect(standin.apiRequests().slice(before).map((q) => q.query.after ?? null)).toEqual([null, `t3_${burst[50]!.id}`]);
    expect(r.warnings).toBeUndefined();
    expect((await p.poll()).items).toEqual([]);
  });

  it('GIVEN many polls with posts trickling in (some with equal timestamps, some late within the overlap) THEN none is missed or repeated', async () => {
    const p = poller(byId(sourcesFor(standin, { pageLimit: 7, maxPages: 100, overlapSeconds: 400 }).sources, 'reddit-r-acme-posts'));
    const expected: string[] = [];
    const got: string[] = [];
    let t = 1_800_000_000;
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < round * 3; i++) expected.push(`t3_${standin.addPost({ subreddit: 'acme', createdUtc: t + (i % 4 === 0 ? 0 : i) }).id}`);
      // one late arrival stamped 5 minutes in the past (search and listings can surface items late)
      if (round > 2) expected.push(`t3_${standin.addPost({ subreddit: 'acme', createdUtc: t - 300 }).id}`);
      const r = await p.poll();
      expect(r.warnings).toBeUndefined();
      got.push(...r.items.map((i) => i.guid!));
      t += 60;
    }
    expect(new Set(got).size).toBe(got.length);
    expect(got.sort()).toEqual(expected.sort());
  });

  it('GIVEN the newest post of the last poll is deleted THEN the next poll still finds what came after it', async () => {
    addPosts(3);
    const p = poller(byId(sourcesFor(standin).sources, 'reddit-r-acme-posts'));
    const first = await p.poll();
    standin.removePost(first.items.at(-1)!.guid!.slice(3));
    const fresh = standin.addPost({ subreddit: 'acme', createdUtc: 1_800_000_500 });
    expect((await p.poll()).items.map((i) => i.guid)).toEqual([`t3_${fresh.id}`]);
  });

  it('GIVEN more new items than maxPages can read THEN the poll warns that items may be missing', async () => {
    addPosts(1);
    const p = poller(byId(sourcesFor(standin, { pageLimit: 10, maxPages: 2 }).sources, 'reddit-r-acme-posts'));
    await p.poll();
    addPosts(40, 'acme', 1_800_010_000);
    const r = await p.poll();
    expect(r.items).toHaveLength(20);
    expect(r.warnings).toEqual([expect.stringContaining('without reaching the previous cursor')]);
  });
});

describe('rate limits and failures', () => {
  it('GIVEN a 429 with retry-after THEN the poll waits and retries the same page, losing nothing', async () => {
    addPosts(1);
    const p = poller(byId(sourcesFor(standin, { pageLimit: 2 }).sources, 'reddit-r-acme-posts'));
    await p.poll();
    const burst = addPosts(5, 'acme', 1_800_001_000);
    standin.failNext(429, { headers: { 'retry-after': '0.3' } });
    const started = clock.now();
    const r = await p.poll();
    expect(clock.now() - started).toBeGreaterThanOrEqual(300);
    expect(r.items.map((i) => i.guid)).toEqual(burst.map((b) => `t3_${b.id}`));
    const api = standin.apiRequests();
    const i429 = api.findIndex((q) => q.status === 429);
    expect(api[i429 + 1]!.query).toEqual(api[i429]!.query);
    expect(api[i429 + 1]!.at - api[i429]!.at).toBeGreaterThanOrEqual(300);
  });

  it('GIVEN x-ratelimit-remaining 0 THEN no request is sent until the reset and none gets a 429', async () => {
    addPosts(1);
    const { sources } = sourcesFor(standin, { comments: true, pageLimit: 2 });
    const posts = poller(byId(sources, 'reddit-r-acme-posts'));
    const comments = poller(byId(sources, 'reddit-r-acme-comments'));
    await Promise.all([posts.poll(), comments.poll()]);
    const burst = addPosts(6, 'acme', 1_800_002_000);
    standin.setRateWindow(1, 0.5); // the next request is the last of the window (remaining 0, reset 0.5 s)
    const sentBefore = standin.apiRequests().length;
    const windowStart = clock.now();
    const [r] = await Promise.all([posts.poll(), comments.poll()]);
    expect(standin.violations).toBe(0);
    const after = standin.apiRequests().slice(sentBefore);
    expect(after.length).toBeGreaterThanOrEqual(4);
    expect(after.slice(1).every((q) => q.at >= windowStart + 500)).toBe(true);
    expect(r.items.map((i) => i.guid)).toEqual(burst.map((b) => `t3_${b.id}`));
  });

  it('GIVEN two 503s THEN the request is retried with backoff and succeeds', async () => {
    addPosts(2);
    standin.failNext(503, { times: 2 });
    const r = await poller(byId(sourcesFor(standin).sources, 'reddit-r-acme-posts')).poll();
    expect(r.items).toHaveLength(2);
    expect(standin.apiRequests().map((q) => q.status)).toEqual([503, 503, 200]);
  });

  it('GIVEN Reddit keeps failing on the second page THEN the poll fails, the cursor stays, and the next poll gets everything', async () => {
    addPosts(1);
    const p = poller(byId(sourcesFor(standin, { pageLimit: 3, retry: { baseMs: 5, maxRetries: 1 } }).sources, 'reddit-r-acme-posts'));
    await p.poll();
    const stateBefore = structuredClone(p.state);
    const burst = addPosts(7, 'acme', 1_800_003_000);
    standin.failNext(500, { times: 2, skip: 1 });
    await expect(p.poll()).rejects.toBeInstanceOf(RedditUnavailableError);
    expect(standin.apiRequests().slice(-3).map((q) => [q.status, q.query.after ?? null])).toEqual([
      [200, null],
      [500, `t3_${burst[4]!.id}`],
      [500, `t3_${burst[4]!.id}`],
    ]);
    expect(p.state).toEqual(stateBefore);
    const r = await p.poll();
    expect(r.items.map((i) => i.guid)).toEqual(burst.map((b) => `t3_${b.id}`));
  });

  it('GIVEN a 429 asking for longer than the poll may wait THEN the poll returns without throwing, keeps its cursor, and sends nothing more', async () => {
    addPosts(1);
    const { sources, budget } = sourcesFor(standin, { maxPollWaitMs: 1000 });
    const p = poller(sources[0]!);
    await p.poll();
    const stateBefore = structuredClone(p.state);
    addPosts(2, 'acme', 1_800_004_000);
    standin.failNext(429, { headers: { 'retry-after': '60' } });
    const started = clock.now();
    const r = await p.poll();
    expect(clock.now() - started).toBeLessThan(1000);
    expect(r.items).toEqual([]);
    expect(p.state).toEqual(stateBefore);
    expect(budget.pausedMs()).toBeGreaterThan(50_000);
    const sent = standin.apiRequests().length;
    expect((await p.poll()).items).toEqual([]); // still held: returns at once, sends nothing
    expect(standin.apiRequests()).toHaveLength(sent);
  });

  it('GIVEN 429s on every attempt THEN RedditRateLimitedError (Reddit keeps refusing: a failure, not a wait)', async () => {
    standin.failNext(429, { times: 3, headers: { 'retry-after': '0.01' } });
    const { sources } = sourcesFor(standin, { retry: { baseMs: 5, maxRetries: 2 } });
    await expect(poller(sources[0]!).poll()).rejects.toBeInstanceOf(RedditRateLimitedError);
  });
});

describe('a rate-limit window longer than the poll may wait', () => {
  it('GIVEN x-ratelimit-remaining 0 for longer than maxPollWaitMs THEN the poll returns what it read, sends nothing into the window, and the next poll after the reset gets the rest', async () => {
    addPosts(1);
    const { sources, freshness } = sourcesFor(standin, { pageLimit: 2, maxPollWaitMs: 200 });
    const p = poller(byId(sources, 'reddit-r-acme-posts'));
    await p.poll();
    const burst = addPosts(7, 'acme', 1_800_005_000);
    standin.setRateWindow(1, 0.8); // the next request is the last of the window (remaining 0, reset 0.8 s > 0.2 s)
    const sentBefore = standin.apiRequests().length;
    const windowStart = clock.now();
    const first = await p.poll();
    expect(clock.now() - windowStart).toBeLessThan(400); // returned promptly, did not wait out the window
    expect(first.items.map((i) => i.guid)).toEqual(burst.slice(5).map((b) => `t3_${b.id}`)); // the newest page
    expect(freshness()[0]).toMatchObject({ lastPartialAt: expect.any(String), budgetPausedUntil: expect.any(String), budgetQueued: 0 });
    expect(Date.parse(freshness()[0]!.budgetPausedUntil!)).toBeGreaterThanOrEqual(windowStart + 700);
    const during = await p.poll(); // still inside the window: nothing sent, nothing lost
    expect(during.items).toEqual([]);
    clock.advance(Math.max(0, windowStart + 850 - clock.now()));
    const rest = await p.poll();
    expect(standin.violations).toBe(0);
    expect(standin.apiRequests().slice(sentBefore).filter((q) => q.at < windowStart + 750)).toHaveLength(1);
    const got = [...first.items, ...during.items, ...rest.items].map((i) => i.guid);
    expect(got.sort()).toEqual(burst.map((b) => `t3_${b.id}`).sort());
    expect(rest.warnings).toBeUndefined();
    expect((await p.poll()).items).toEqual([]);
    expect(freshness()[0]).not.toHaveProperty('lastPartialAt');
    expect(freshness()[0]).not.toHaveProperty('budgetPausedUntil');
  });

  it('GIVEN the poll is abandoned while its request waits for the budget THEN that request is never sent', async () => {
    addPosts(1);
    const { sources, budget } = sourcesFor(standin, { requestsPerMinute: 60, minuteMs: 6000, comments: true }); // 100 ms apart
    const [posts, comments] = [byId(sources, 'reddit-r-acme-posts'), byId(sources, 'reddit-r-acme-comments')];
    await poller(posts).poll();
    clock.auto(false); // time stands still: the comments request must wait its 100 ms turn
    const ac = new AbortController();
    const abandoned = comments.poll({ now: new Date(), signal: ac.signal, state: {} });
    await until(() => budget.queued() === 1, { everyMs: 0 });
    ac.abort(new Error('poll deadline'));
    await expect(abandoned).rejects.toThrow('poll deadline');
    expect(budget.queued()).toBe(0);
    clock.advance(1_000); // long past its turn
    for (let i = 0; i < 10; i++) await turn();
    expect(standin.apiRequests().map((q) => q.path)).toEqual(['/r/acme/new']);
  });
});
