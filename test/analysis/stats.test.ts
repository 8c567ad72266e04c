import { describe, expect, it } from 'vitest';
import { dailyTotals, localDate, localDayBounds, netSentiment, shareOfVoice, sumRollups } from '../../src/analysis/stats.js';
import { InvalidTimezoneError } from '../../src/analysis/errors.js';
import { rollup } from './fixtures.js';

describe('netSentiment', () => {
  it('is (pos − neg) / (pos + neg) and ignores neutral', () => {
    expect(netSentiment({ positive: 3, negative: 1 })).toBe(0.5);
    expect(netSentiment({ positive: 0, negative: 4 })).toBe(-1);
  });
  it('is null with no polarised mention', () => {
    expect(netSentiment({ positive: 0, negative: 0 })).toBeNull();
  });
});

describe('shareOfVoice', () => {
  it('gives shares summing to 1, largest first', () => {
    const s = shareOfVoice({ Acme: 30, Globex: 60, Initech: 10 });
    expect(s.map((r) => r.brand)).toEqual(['Globex', 'Acme', 'Initech']);
    expect(s.map((r) => r.share)).toEqual([0.6, 0.3, 0.1]);
  });
  it('gives 0 to everyone when nobody was mentioned', () => {
    expect(shareOfVoice({ Acme: 0, Globex: 0 }).every((r) => r.share === 0)).toBe(true);
  });
});

describe('volume helpers', () => {
  const rs = [
    rollup('2026-03-09T22:00:00.000Z', 2, { positive: 2, neutral: 0 }),
    rollup('2026-03-09T23:00:00.000Z', 3, { negative: 3, neutral: 0 }),
    rollup('2026-03-10T00:00:00.000Z', 5),
  ];
  it('sums rollups whose hour starts in [start, end)', () => {
    const t = sumRollups(rs, new Date('2026-03-09T23:00:00Z'), new Date('2026-03-10T00:00:00Z'));
    expect(t).toMatchObject({ count: 3, negative: 3 });
  });
  it('groups by local day in a timezone', () => {
    // Berlin is UTC+1 in March: 22:00Z is 23:00 local on the 9th, 23:00Z and 00:00Z are on the 10th.
    const d = dailyTotals(rs, 'Europe/Berlin');
    expect(d.get('2026-03-09')?.count).toBe(2);
    expect(d.get('2026-03-10')?.count).toBe(8);
    expect(dailyTotals(rs, 'UTC').get('2026-03-09')?.count).toBe(5);
  });
  it('knows local day bounds across a DST change (23 hours)', () => {
    const { start, end } = localDayBounds('2026-03-29', 'Europe/Berlin');
    expect(start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(23);
    expect(localDate(new Date('2026-03-28T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29');
  });
  it('rejects an unknown timezone with a typed error', () => {
    expect(() => localDate(new Date(), 'Mars/Olympus')).toThrow(InvalidTimezoneError);
  });
});
