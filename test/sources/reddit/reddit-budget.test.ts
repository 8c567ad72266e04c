import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRedditStandin, type RedditStandin } from '../../support/reddit-standin.js';
import { RequestBudget } from '../../../src/sources/reddit/index.js';
import { poller, sourcesFor } from './helpers.js';

let standin: RedditStandin;
beforeEach(async () => {
  standin = await startRedditStandin();
});
afterEach(async () => {
  await standin.close();
});

describe('shared request budget', () => {
  it('GIVEN five sources polling flat out for a simulated hour THEN every minute sees at most the budget, and the budget is used', async () => {
    const rpm = 3;
    const minuteMs = 60; // one simulated hour = 3.6 s, requests 20 ms apart
    const { sources } = sourcesFor(standin, {
      requestsPerMinute: rpm,
      minuteMs,
      comments: true,
      subreddits: ['acme', 'widgets'],
      brands: [{ name: 'Acme', query: 'acme' }],
      pageLimit: 5,
      overlapSeconds: 0,
    });
    expect(sources).toHaveLength(5);
    for (let i = 0; i < 30; i++) standin.addPost({ subreddit: i % 2 ? 'acme' : 'widgets', title: `acme ${i}`, createdUtc: 1_700_000_000 + i });
    const hourEnds = Date.now() + 60 * minuteMs;
    await Promise.all(
      sources.map(async (s) => {
        const p = poller(s);
        while (Date.now() < hourEnds) {
          if (Math.random() < 0.2) standin.addPost({ subreddit: 'acme', title: 'acme again' });
          await p.poll();
        }
      }),
    );
    const times = standin.requests.map((r) => r.at).filter((t) => t < hourEnds);
    const start = times[0]!;
    const perMinute = new Map<number, number>();
    for (const t of times) perMinute.set(Math.floor((t - start) / minuteMs), (perMinute.get(Math.floor((t - start) / minuteMs)) ?? 0) + 1);
    // +1: a request dispatched on time can arrive a millisecond late and land in the next window
    expect(Math.max(...perMinute.values())).toBeLessThanOrEqual(rpm + 1);
    expect(times.length).toBeLessThanOrEqual(60 * rpm + 1);
    // the pollers asked for more than the budget (so the limit, not the machine, set the pace)
    expect(times.length).toBeGreaterThanOrEqual(0.6 * 60 * rpm);
    expect(standin.violations).toBe(0);
  });

  it('GIVEN a pause THEN queued work waits for it and then runs spaced again', async () => {
    const budget = new RequestBudget({ requestsPerMinute: 100, minuteMs: 1000 }); // 10 ms apart
    const started: number[] = [];
    const t0 = Date.now();
    await budget.schedule(async () => started.push(Date.now()));
    budget.pauseFor(150);
    expect(budget.pausedMs()).toBeGreaterThan(100);
    budget.pauseFor(20); // a shorter pause never shortens the running one
    await Promise.all([1, 2, 3].map(() => budget.schedule(async () => started.push(Date.now()))));
    expect(started[1]! - t0).toBeGreaterThanOrEqual(145);
    expect(started[3]! - started[1]!).toBeGreaterThanOrEqual(18);
  });
});
