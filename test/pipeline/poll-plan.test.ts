import { describe, expect, it } from 'vitest';
import { afterFailure, afterSuccess, emptyHealth, isDue, DISABLE_AFTER_FAILURES } from '../../src/pipeline/poll-plan.js';

const now = new Date('2026-11-23T12:00:00Z');
const mid = () => 0.5;

describe('poll plan', () => {
  it('GIVEN n failures THEN the next poll waits 5 min x 2^(n-1), capped at 6 h', () => {
    let h = emptyHealth('f');
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      h = afterFailure(h, 'boom', now, () => 0);
      waits.push((Date.parse(h.nextPollAt ?? '') - now.getTime()) / 60_000);
    }
    expect(waits).toEqual([5, 10, 20, 40, 80, 160, 320, 360, 360]);
  });

  it('GIVEN 11 failures in a row THEN the source is disabled and no longer due', () => {
    let h = emptyHealth('f');
    for (let i = 0; i < DISABLE_AFTER_FAILURES - 1; i++) h = afterFailure(h, 'boom', now, mid);
    expect(h.disabled).toBe(false);
    h = afterFailure(h, 'boom', now, mid);
    expect(h.disabled).toBe(true);
    expect(isDue(h, new Date(now.getTime() + 365 * 86_400_000))).toBe(false);
  });

  it('GIVEN a success after failures THEN failures reset and the next poll is the interval +/- 10 %', () => {
    let h = afterFailure(emptyHealth('f'), 'boom', now, mid);
    h = afterSuccess(h, 300, now, 3, () => 1);
    expect(h.consecutiveFailures).toBe(0);
    expect(h.itemsSeen).toBe(3);
    const wait = (Date.parse(h.nextPollAt ?? '') - now.getTime()) / 1000;
    expect(wait).toBeCloseTo(330, 5);
    expect(isDue(h, now)).toBe(false);
    expect(isDue(h, new Date(now.getTime() + 331_000))).toBe(true);
  });

  it('GIVEN minIntervalSeconds THEN an active feed is polled again within the floor, a quiet one doubles back to its interval', () => {
    const waitOf = (h: ReturnType<typeof emptyHealth>): number => (Date.parse(h.nextPollAt ?? '') - now.getTime()) / 1000;
    let h = afterSuccess(emptyHealth('f'), 300, now, 2, () => 0.999, 60);
    expect(h.pollIntervalSeconds).toBe(60);
    // at the floor the jitter only shortens: never later than 60 s
    expect(waitOf(h)).toBeLessThanOrEqual(60);
    expect(waitOf(h)).toBeGreaterThan(53);
    const quiet: number[] = [];
    for (let i = 0; i < 4; i++) quiet.push((h = afterSuccess(h, 300, now, 0, () => 0.5, 60)).pollIntervalSeconds!);
    expect(quiet).toEqual([120, 240, 300, 300]);
    expect(afterSuccess(h, 300, now, 1, () => 0.5, 60).pollIntervalSeconds).toBe(60);
    // a feed configured faster than the floor keeps its own interval
    expect(afterSuccess(emptyHealth('g'), 5, now, 1, () => 0.5, 60).pollIntervalSeconds).toBe(5);
    // without a floor (Reddit, which has its own budget) nothing adapts
    expect(afterSuccess(emptyHealth('r'), 300, now, 1, () => 0.5).pollIntervalSeconds).toBeUndefined();
  });
});
