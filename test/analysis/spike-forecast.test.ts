import { describe, expect, it } from 'vitest';
import { forecastSpike, riseBeyondChance } from '../../src/analysis/spike-forecast.js';
import type { CountedMention } from '../../src/analysis/spike-verdict.js';
import { history, modelsFor, NOW } from '../delivery/helpers.js';

const HALF = 1_800_000;
const judge = { minCount: 5, pValue: 1e-5 / 3, minRatio: 1.5, minHistoryMentions: 20 };
const options = { windowMinutes: 60, horizonMinutes: 120, risingPValue: 3e-4, minGrowth: 1.25, maxPerAuthor: 1, judge };

/** counts in the last three half hours before NOW, oldest first, each mention by its own author */
const rising = (counts: number[]): CountedMention[] =>
  counts.flatMap((c, k) => Array.from({ length: c }, (_, i) => ({ t: NOW.getTime() - (3 - k) * HALF + ((i + 0.5) * HALF) / c, who: `a${k}-${i}` })));

// 4 negative mentions an hour, every hour, for 15 days: the spike fires at 20 in an hour
const steady = modelsFor(history({ count: 20, negative: 4 }, { count: 20, negative: 4 }), NOW)!.negative;

describe('spike forecast: unusual, rising counts projected onto the spike alert level', () => {
  it('GIVEN 3, 5, 10 negative mentions in the last three half hours (usually 2) THEN a spike is forecast within 30 minutes, with its figures', () => {
    const f = forecastSpike(steady, rising([3, 5, 10]), NOW.getTime(), options);
    expect(f).toMatchObject({ predicted: true, minutesAhead: 30, fireAt: 20, at: new Date(NOW.getTime() + HALF).toISOString() });
    expect(f.upper).toBeGreaterThanOrEqual(f.fireAt!);
    expect(f.slices.map((s) => s.observed)).toEqual([3, 5, 10]);
    expect(f.slices.map((s) => Math.round(s.expected))).toEqual([2, 2, 2]);
    expect(f.pValue).toBeLessThanOrEqual(3e-4);
  });

  it('GIVEN the same excess without a rise (8, 8, 8) THEN no forecast: a flat excess is no trend', () => {
    const f = forecastSpike(steady, rising([8, 8, 8]), NOW.getTime(), options);
    expect(f.pValue).toBeLessThanOrEqual(3e-4);
    expect(f.predicted).toBe(false);
  });

  it('GIVEN a rise not yet unusual (1, 3, 8) THEN no forecast; GIVEN one that already reaches the alert level THEN none either (the spike rule has it)', () => {
    expect(forecastSpike(steady, rising([1, 3, 8]), NOW.getTime(), options).predicted).toBe(false);
    expect(forecastSpike(steady, rising([1, 3, 8]), NOW.getTime(), { ...options, risingPValue: 0.01 }).predicted).toBe(true);
    expect(forecastSpike(steady, rising([3, 9, 12]), NOW.getTime(), options).predicted).toBe(false);
  });

  it('the rise test: of the first and last half hour, the last holds more than its share beyond chance', () => {
    const slice = (observed: number, expected = 2) => ({ start: '', observed, expected });
    expect(riseBeyondChance(slice(0), slice(3))).toBe(false);
    expect(riseBeyondChance(slice(1), slice(5))).toBe(false);
    expect(riseBeyondChance(slice(1), slice(9))).toBe(true);
    // judged against the expected shares: an evening peak that doubles the expectation is no rise at twice the count
    expect(riseBeyondChance(slice(4, 1), slice(8, 2))).toBe(false);
    expect(riseBeyondChance(slice(4, 2), slice(16, 2))).toBe(true);
  });

});
