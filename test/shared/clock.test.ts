import { afterEach, describe, expect, it, vi } from 'vitest';
import { sleep, systemClock } from '../../src/shared/clock.js';
import { fakeClock } from '../support/fake-clock.js';
import { settledWithin, turn } from '../support/until.js';

describe('sleep on a Clock', () => {
  it('GIVEN a fake clock THEN it resolves when the clock reaches its end, not before', async () => {
    const clock = fakeClock(0);
    let done = false;
    const p = sleep(clock, 1_000).then(() => (done = true));
    clock.advance(999);
    await turn();
    expect(done).toBe(false);
    clock.advance(1);
    await p;
    expect(clock.now()).toBe(1_000);
  });

  it('GIVEN the signal aborts THEN it rejects with the reason at once and cancels its timer', async () => {
    const clock = fakeClock(0);
    const ac = new AbortController();
    const p = sleep(clock, 60_000, ac.signal);
    expect(clock.pending()).toBe(1);
    const reason = new Error('gave up');
    ac.abort(reason);
    expect(await settledWithin(p)).toBe(reason);
    expect(clock.pending()).toBe(0);
    await expect(sleep(clock, 10, ac.signal)).rejects.toBe(reason); // already aborted: no timer at all
    expect(clock.pending()).toBe(0);
  });
});

describe('systemClock (checked on vitest fake timers, so nothing waits)', () => {
  afterEach(() => vi.useRealTimers());

  it('reads Date.now and runs a timer once, unless cancelled', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-03T12:00:00Z') });
    expect(systemClock.now()).toBe(Date.parse('2026-12-03T12:00:00Z'));
    const fired: string[] = [];
    systemClock.setTimer(() => fired.push('kept'), 100);
    const cancel = systemClock.setTimer(() => fired.push('cancelled'), 100);
    cancel();
    await vi.advanceTimersByTimeAsync(100);
    expect(fired).toEqual(['kept']);
    const p = sleep(systemClock, 5_000);
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(p).resolves.toBeUndefined();
  });
});

describe('fakeClock (the tests\' clock)', () => {
  it('fires timers in time order, each at its own time; auto mode jumps to the next one', async () => {
    const clock = fakeClock(0);
    const seen: [string, number][] = [];
    clock.setTimer(() => seen.push(['b', clock.now()]), 200);
    clock.setTimer(() => seen.push(['a', clock.now()]), 100);
    clock.advance(150);
    expect(seen).toEqual([['a', 100]]);
    expect(clock.now()).toBe(150);
    clock.auto(true);
    await sleep(clock, 10_000);
    clock.auto(false);
    expect(seen).toEqual([['a', 100], ['b', 200]]);
    expect(clock.now()).toBe(10_150);
    expect(clock.requested).toEqual([200, 100, 10_000]);
  });
});
