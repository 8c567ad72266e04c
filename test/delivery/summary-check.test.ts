import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkPhrasing } from '../../src/delivery/summary-check.js';
import type { SummaryFacts } from '../../src/domain/types.js';
import { guardPhraser } from '../../src/classify/phraser.js';

const facts: SummaryFacts = {
  brand: 'Nimbus 365',
  noun: 'negative mentions',
  pool: 12,
  themes: [
    { term: 'outage', count: 7, was: 4 },
    { term: 'lost files', count: 3, isNew: true },
  ],
  quote: 'For example: "Nimbus outage lost my files" (https://example.com/1).',
};

describe("the bot's check of a model's wording of a summary", () => {
  it('GIVEN a faithful wording THEN it passes, ended with a full stop', () => {
    const v = checkPhrasing('Most of the 12 negative mentions are about the "outage" (7, up from 4), and 3 newly about "lost files"', facts);
    expect(v).toEqual({ ok: true, text: 'Most of the 12 negative mentions are about the "outage" (7, up from 4), and 3 newly about "lost files".' });
    // digits of the brand's own name are words, not figures
    expect(checkPhrasing('People writing about Nimbus 365 mostly mention the "outage", 7 of the 12 complaints.', facts).ok).toBe(true);
  });

  it.each([
    ['a figure the bot did not compute', 'Most of the 12 negative mentions, about 58 %, are about the "outage".', /figures not computed by the bot: 58/],
    ['a count changed', 'Of the 13 negative mentions most are about the "outage" and "lost files".', /13/],
    ['a quote of its own', 'Most of the 12 negative mentions are about the "outage"; one says "worst service ever".', /quotes words that are not a theme: "worst service ever"/],
    ['a link', 'Most of the 12 negative mentions are about the "outage", see https://evil.example/x for more.', /link/],
    ['a mass mention', '@everyone most of the 12 negative mentions are about the "outage" and "lost files".', /mention or markup/],
    ['markdown', 'Most of the 12 negative mentions are about the **"outage"** and "lost files" together.', /mention or markup/],
    ['the main theme left out', 'Most of the 12 negative mentions are about "lost files", which is a new complaint today.', /leaves out the main theme "outage"/],
    ['too short', 'Outage: 7.', /shorter than/],
    ['too long', `Most of the 12 negative mentions are about the "outage". ${'It goes on and on. '.repeat(30)}`, /longer than/],
  ])('GIVEN %s THEN it is rejected, saying why', (_what, text, why) => {
    const v = checkPhrasing(text, facts);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.why).toMatch(why);
  });
});

describe('the summary model behind its breaker', () => {
  it('GIVEN failures THEN it is skipped after the threshold, tried once after the cool-down, and closes on success', async () => {
    let t = 0;
    let fail = true;
    let calls = 0;
    const states: string[] = [];
    const g = guardPhraser(
      { name: 'm', phrase: () => (calls++, fail ? Promise.reject(new Error('HTTP 500')) : Promise.resolve('fine')) },
      { failureThreshold: 2, cooldownMs: 60_000, timeoutMs: 1_000, now: () => t, onStateChange: (s) => states.push(s) },
    );
    expect(await g.phrase(facts)).toEqual({ failed: 'HTTP 500' });
    expect(g.isOpen()).toBe(false);
    expect(await g.phrase(facts)).toEqual({ failed: 'HTTP 500' });
    expect(g.isOpen()).toBe(true);
    expect(await g.phrase(facts)).toEqual({ skipped: true });
    expect(calls).toBe(2);
    t = 60_000;
    // the trial fails: open again at once, no second notice
    expect(await g.phrase(facts)).toEqual({ failed: 'HTTP 500' });
    expect(g.isOpen()).toBe(true);
    t = 120_000;
    fail = false;
    expect(await g.phrase(facts)).toEqual({ text: 'fine' });
    expect(g.isOpen()).toBe(false);
    expect(states).toEqual(['open', 'closed']);
  });

  afterEach(() => void vi.useRealTimers());
  it('GIVEN a model that does not answer THEN the call is given up after the timeout (its signal aborts it)', async () => {
    vi.useFakeTimers();
    let reason: unknown;
    const g = guardPhraser(
      { name: 'm', phrase: (_f, signal) => new Promise((_r, reject) => signal?.addEventListener('abort', () => ((reason = signal.reason), reject(signal.reason as Error)))) },
      { failureThreshold: 5, cooldownMs: 60_000, timeoutMs: 8_000 },
    );
    const answer = g.phrase(facts);
    await vi.advanceTimersByTimeAsync(7_999);
    expect(reason).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(await answer).toEqual({ failed: 'no answer within 8000 ms' });
    expect(String(reason)).toMatch(/8000 ms/);
  });
});
