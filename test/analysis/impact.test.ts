import { describe, expect, it } from 'vitest';
import { measureImpact } from '../../src/analysis/impact.js';
import { series } from './fixtures.js';

const HOUR = 3_600_000;
const START = Date.parse('2026-11-16T00:00:00Z');
const END = Date.parse('2026-11-23T00:00:00Z');

/** 14 days from START − 7 d: `before` a day until START, `after` from it (per hour: count, positive, negative) */
function brand(before: [number, number, number], after: [number, number, number], name = 'Acme') {
  return series(new Date(START - 7 * 24 * HOUR).toISOString(), 14 * 24, (i) => {
    const [count, positive, negative] = i < 7 * 24 ? before : after;
    return { brand: name, count, positive, negative, neutral: count - positive - negative };
  });
}

describe('impact: before and after an event, with bootstrap intervals', () => {
  it('a campaign that doubles volume and lifts sentiment shows both, with intervals that exclude no change', () => {
    const r = measureImpact({ brand: 'Acme', event: 'Winter sale', start: START, end: END, now: END + 24 * HOUR, brandRollups: brand([2, 1, 1], [4, 3, 1]), competitorRollups: brand([2, 1, 0], [2, 1, 0], 'Globex'), oriBefore: 50, oriAfter: 58 });
    expect(r.before).toMatchObject({ start: '2026-11-09T00:00:00.000Z', end: '2026-11-16T00:00:00.000Z', mentions: 336, volumePerDay: 48, nss: 0, shareOfVoice: 0.5 });
    expect(r.after).toMatchObject({ mentions: 672, volumePerDay: 96, nss: 0.5 });
    expect(r.after.shareOfVoice).toBeCloseTo(2 / 3, 5);
    expect(r.change.volumePerDay).toEqual({ value: 48, low: 48, high: 48 }); // every day alike: no spread
    expect(r.change.nss?.value).toBeCloseTo(0.5, 5);
    expect(r.change.ori).toBe(8);
    expect(r).toMatchObject({ unit: 'day', running: false });
  });

  it('noisy days widen the interval around a change, and the same input gives the same interval', () => {
    const noisy = (k: number) => series(new Date(START - 7 * 24 * HOUR).toISOString(), 14 * 24, (i) => {
      const day = Math.floor(i / 24);
      const count = (day % 2 === 0 ? 1 : 5) + (i >= 7 * 24 ? k : 0);
      return { brand: 'Acme', count, positive: 0, negative: 0, neutral: count };
    });
    const input = { brand: 'Acme', event: 'e', start: START, end: END, now: END, brandRollups: noisy(0), competitorRollups: [] };
    const flat = measureImpact(input);
    expect(flat.change.volumePerDay!.value).toBeCloseTo(96 / 7, 5); // 3 busy days of 120 before, 4 after (quiet ones: 24)
    expect(flat.change.volumePerDay!.low).toBeLessThan(0);
    expect(flat.change.volumePerDay!.high).toBeGreaterThan(0);
    expect(measureImpact(input)).toEqual(flat);
    expect(flat.change.nss).toBeNull(); // no polarised mention on either side
  });

  it('an event still running is cut at now and compared with as long a time before; a short one resamples hours', () => {
    const now = START + 10 * HOUR;
    const r = measureImpact({ brand: 'Acme', event: 'launch', start: START, end: undefined, now, brandRollups: brand([2, 1, 1], [6, 3, 1]), competitorRollups: [] });
    expect(r).toMatchObject({ running: true, unit: 'hour', before: { start: new Date(START - 10 * HOUR).toISOString(), mentions: 20 }, after: { end: new Date(now).toISOString(), mentions: 60 } });
    expect(r.change.shareOfVoice?.value).toBe(0);
  });
});
