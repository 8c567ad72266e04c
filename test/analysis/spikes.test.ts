import { describe, expect, it } from 'vitest';
import { detectSpike } from '../../src/analysis/spikes.js';
import { series } from './fixtures.js';

const options = { windowMinutes: 60, baselineDays: 14, minCount: 5, zThreshold: 3, ratioThreshold: 2.5 };
const HOUR = 3_600_000;
const now = new Date('2026-03-15T13:00:00.000Z');
const historyStart = new Date(now.getTime() - 15 * 24 * HOUR).toISOString();
/** 15 days of hourly history ending at now, count per hour from fn(hour-of-day UTC, hours-ago). */
const history = (fn: (hod: number, hoursAgo: number) => number) =>
  series(historyStart, 15 * 24, (i, d) => {
    const c = fn(d.getUTCHours(), 15 * 24 - i);
    return { count: c, negative: Math.floor(c / 4), neutral: c - Math.floor(c / 4) };
  });

describe('detectSpike', () => {
  it('fires on a synthetic burst against a steady baseline and explains it', () => {
    const rs = history((_h, ago) => (ago === 1 ? 40 : 3 + (ago % 2)));
    const r = detectSpike({ rollups: rs, now, metric: 'count', options });
    expect(r.fired).toBe(true);
    expect(r.observed).toBe(40);
    expect(r.method).toBe('seasonal+weekday');
    expect(r.daysOfHistory).toBe(14);
    expect(r.weekdaySamples).toBe(2);
    expect(r.expected).toBeGreaterThan(2.9);
    expect(r.expected).toBeLessThan(4.1);
    expect(r.z).toBeGreaterThan(3);
    expect(r.ratio).toBeGreaterThan(2.5);
    expect(r.window).toEqual({ start: '2026-03-15T12:00:00.000Z', end: '2026-03-15T13:00:00.000Z' });
  });

  it('does not fire for a quiet brand under minCount even at a huge ratio', () => {
    const rs = history((_h, ago) => (ago === 1 ? 4 : 0));
    const r = detectSpike({ rollups: rs, now, metric: 'count', options });
    expect(r.observed).toBe(4);
    expect(r.z).toBeGreaterThan(3);
    expect(r.fired).toBe(false);
  });

  it('does not fire on a daily noon peak that is normal for the brand', () => {
    const rs = history((hod, ago) => (hod === 12 ? 30 + (ago % 3) : 2));
    const r = detectSpike({ rollups: rs, now, metric: 'count', options });
    expect(r.observed).toBeGreaterThanOrEqual(30);
    expect(r.fired).toBe(false);
    // the same peak at 03:00 is abnormal
    const odd = history((hod, ago) => (hod === 3 && ago === 10 ? 30 : 2)); // 03:00 today (10 h before 13:00)
    const at4 = new Date('2026-03-15T04:00:00.000Z');
    expect(detectSpike({ rollups: odd, now: at4, metric: 'count', options }).fired).toBe(true);
  });

  it('spreads a partial window over hourly buckets in proportion', () => {
    const rs = history((_h, ago) => (ago === 1 ? 60 : 0));
    const r = detectSpike({ rollups: rs, now: new Date(now.getTime() + 20 * 60_000), metric: 'count', options });
    // window 12:20–13:20: 40 of the 60 minutes of the 12:00 bucket, the 13:00 bucket is empty
    expect(r.observed).toBeCloseTo(40, 9);
  });

  it('detects negative spikes separately from volume', () => {
    const rs = history((_h, ago) => (ago === 1 ? 12 : 12));
    const neg = rs.map((r, i) => (i === rs.length - 1 ? { ...r, negative: 12 } : r));
    expect(detectSpike({ rollups: neg, now, metric: 'count', options }).fired).toBe(false);
    expect(detectSpike({ rollups: neg, now, metric: 'negative', options }).fired).toBe(true);
  });

  it('falls back to a Poisson rate with little history and never fires without a day of history', () => {
    const short = series(new Date(now.getTime() - 48 * HOUR).toISOString(), 48, (_i, d) => ({
      count: d.getTime() === now.getTime() - HOUR ? 20 : 1,
    }));
    const r = detectSpike({ rollups: short, now, metric: 'count', options });
    expect(r.method).toBe('poisson');
    expect(r.daysOfHistory).toBe(1);
    expect(r.expected).toBeCloseTo(1, 9);
    expect(r.fired).toBe(true);
    const fresh = short.slice(-6);
    const f = detectSpike({ rollups: fresh, now, metric: 'count', options });
    expect(f.method).toBe('insufficient-history');
    expect(f.fired).toBe(false);
  });

  it('compares the same local time across a daylight-saving change when given the team zone', () => {
    // Berlin moved to summer time on 2026-03-29. A brand busy every day from 09:00 to 10:00 local time: 08:00Z in
    // winter, 07:00Z in summer. At 10:00 local on 2026-03-30 the last hour is the usual peak, not a spike.
    const at = new Date('2026-03-30T08:00:00.000Z');
    const busy = series('2026-03-15T00:00:00.000Z', 15 * 24 + 8, (_i, d) => {
      const local = Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Berlin' }).format(d));
      return { count: local === 9 ? 40 : 1 };
    });
    const berlin = detectSpike({ rollups: busy, now: at, metric: 'count', options, timeZone: 'Europe/Berlin' });
    expect(berlin.observed).toBe(40);
    expect(berlin.expected).toBeCloseTo(40, 9);
    expect(berlin.fired).toBe(false);
    expect(berlin.daysOfHistory).toBe(14);
    // in UTC steps the 13 winter days are read one local hour early, where the brand is quiet: a false spike
    const utc = detectSpike({ rollups: busy, now: at, metric: 'count', options });
    expect(utc.expected).toBeLessThan(5);
    expect(utc.fired).toBe(true);
  });

  it('rejects an unknown time zone by name', () => {
    const rs = history(() => 3);
    expect(() => detectSpike({ rollups: rs, now, metric: 'count', options, timeZone: 'Mars/Olympus' })).toThrow(/timeZone: Mars\/Olympus/);
  });
});
