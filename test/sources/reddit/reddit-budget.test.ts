import { afterEach, describe, expect, it } from 'vitest';
import { startRedditStandin, type RedditStandin } from '../../support/reddit-standin.js';
import { RedditBudgetWaitError, RedditClient, RequestBudget, createRedditSources } from '../../../src/sources/reddit/index.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { fakeClock, type FakeClock } from '../../support/fake-clock.js';
import { seeded } from '../../support/seed.js';
import { turn } from '../../support/until.js';
import { UA, poller, sourcesFor } from './helpers.js';

// Every budget here runs on a fake clock: the simulated hour and the pauses cost no real time, and the start times
// asserted are exact.
let standin: RedditStandin | undefined;
let clock: FakeClock | undefined;
afterEach(async () => {
  clock?.auto(false);
  clock = undefined;
  await standin?.close();
  standin = undefined;
});
const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await turn();
};

describe('shared request budget', () => {
  it('GIVEN five sources polling flat out for a simulated hour THEN no minute of the budget starts more than the budget, and the budget is used', async () => {
    const { random } = seeded('reddit budget hour');
    clock = fakeClock(undefined, { auto: true }); // jumps to the budget's next start whenever everyone waits on it
    const c = clock;
    standin = await startRedditStandin({ now: c.now });
    const rpm = 3;
    const minuteMs = 60; // one simulated hour = 3.6 s of the fake clock, requests 20 ms apart
    const starts: number[] = [];
    const budget = new RequestBudget({ requestsPerMinute: rpm, minuteMs, onStart: (at) => starts.push(at), clock: c });
    const client = new RedditClient({ ...standin.credentials, userAgent: UA, apiUrl: standin.url, authUrl: standin.url, budget, logger: silentLogger(), clock: c });
    const { sources } = createRedditSources({
      context: { client, budget, clock: c, polls: new Map() },
      comments: true,
      subreddits: ['acme', 'widgets'],
      brands: [{ name: 'Acme', query: 'acme' }],
      pageLimit: 5,
      overlapSeconds: 0,
      intervalSeconds: 120,
      logger: silentLogger(),
    });
    expect(sources).toHaveLength(5);
    const s = standin;
    for (let i = 0; i < 30; i++) s.addPost({ subreddit: i % 2 ? 'acme' : 'widgets', title: `acme ${i}`, createdUtc: 1_700_000_000 + i });
    const hourEnds = c.now() + 60 * minuteMs;
    await Promise.all(
      sources.map(async (source) => {
        const p = poller(source);
        while (c.now() < hourEnds) {
          if (random() < 0.2) s.addPost({ subreddit: 'acme', title: 'acme again' });
          await p.poll();
        }
      }),
    );
    // Exact, by the budget's own clock: minutes counted from budget.epochMs, and any rpm+1 consecutive starts span a full minute.
    const perMinute = new Map<number, number>();
    for (const t of starts) perMinute.set(Math.floor((t - budget.epochMs) / minuteMs), (perMinute.get(Math.floor((t - budget.epochMs) / minuteMs)) ?? 0) + 1);
    expect(Math.max(...perMinute.values())).toBe(rpm);
    for (let i = 0; i + rpm < starts.length; i++) expect(starts[i + rpm]! - starts[i]!).toBeGreaterThanOrEqual(minuteMs);
    // every request the stand-in saw went through the budget, none before its start
    const arrivals = s.requests.map((r) => r.at).sort((a, b) => a - b);
    expect(arrivals).toHaveLength(starts.length);
    arrivals.forEach((at, i) => expect(at).toBeGreaterThanOrEqual(starts[i]!));
    // the pollers asked for more than the budget (so the limit, not the machine, set the pace)
    expect(starts.length).toBeGreaterThanOrEqual(0.6 * 60 * rpm);
    expect(s.violations).toBe(0);
  });

  it('GIVEN a pause THEN queued work waits for it and then runs spaced again', async () => {
    clock = fakeClock();
    const c = clock;
    const budget = new RequestBudget({ requestsPerMinute: 100, minuteMs: 1000, clock: c }); // 10 ms apart
    const started: number[] = [];
    const t0 = c.now();
    await budget.schedule(async () => started.push(c.now()));
    budget.pauseFor(150);
    expect(budget.pausedMs()).toBe(150);
    expect(budget.pausedUntil()!.getTime()).toBe(t0 + 150);
    budget.pauseFor(20); // a shorter pause never shortens the running one
    const rest = Promise.all([1, 2, 3].map(() => budget.schedule(async () => started.push(c.now()))));
    c.advance(149);
    await settle();
    expect(started).toEqual([t0]); // nothing starts during the pause
    c.auto(true);
    await rest;
    expect(started).toEqual([t0, t0 + 150, t0 + 160, t0 + 170]);
    expect(budget.pausedUntil()).toBeUndefined();
  });

  it('GIVEN a pause beyond a request deadline THEN it rejects at once with RedditBudgetWaitError and never runs', async () => {
    clock = fakeClock();
    const c = clock;
    const budget = new RequestBudget({ requestsPerMinute: 600, minuteMs: 1000, clock: c });
    let ran = 0;
    let finish = (): void => undefined;
    const busy = budget.schedule(() => new Promise<void>((r) => (finish = r))); // holds the only slot
    const queued = budget.schedule(async () => (ran += 1), { deadline: c.now() + 5_000 });
    expect(budget.queued()).toBe(1);
    budget.pauseFor(60_000); // e.g. the running request saw x-ratelimit-remaining: 0
    const t0 = c.now();
    await expect(queued.then(() => 'ran', (e: unknown) => e)).resolves.toBeInstanceOf(RedditBudgetWaitError);
    await expect(budget.schedule(async () => (ran += 1), { deadline: c.now() + 5_000 })).rejects.toMatchObject({ name: 'RedditBudgetWaitError' });
    expect(c.now()).toBe(t0); // no time had to pass: both were rejected without waiting
    expect(ran).toBe(0);
    expect(budget.queued()).toBe(0);
    finish();
    await busy;
  });

  it('GIVEN an aborted signal THEN the queued request leaves the queue and never runs', async () => {
    clock = fakeClock();
    const c = clock;
    const budget = new RequestBudget({ requestsPerMinute: 60, minuteMs: 6_000, clock: c }); // 100 ms apart
    let ran = 0;
    await budget.schedule(async () => (ran += 1));
    const ac = new AbortController();
    const waiting = budget.schedule(async () => (ran += 1), { signal: ac.signal });
    expect(budget.queued()).toBe(1);
    ac.abort(new Error('poll abandoned'));
    await expect(waiting).rejects.toThrow('poll abandoned');
    expect(budget.queued()).toBe(0);
    c.advance(1_000); // well past its turn
    await settle();
    expect(ran).toBe(1);
  });

  it('GIVEN the sources are rebuilt on the same context THEN one token and one budget serve both', async () => {
    const s = (standin = await startRedditStandin());
    const first = sourcesFor(s);
    await poller(first.sources[0]!).poll();
    const second = sourcesFor(s, { context: first.context, subreddits: ['acme', 'widgets'] });
    expect(second.budget).toBe(first.budget);
    await Promise.all(second.sources.map((s) => poller(s).poll()));
    expect(s.tokensIssued).toBe(1);
    // poll history survives the rebuild
    expect(second.freshness()[0]).toMatchObject({ sourceId: 'reddit-r-acme-posts', lastPolledAt: expect.any(String) });
  });
});
