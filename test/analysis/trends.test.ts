import { describe, expect, it } from 'vitest';
import { burstScore, trendingTerms } from '../../src/analysis/trends.js';
import { series } from './fixtures.js';

const now = new Date('2026-03-10T12:00:00.000Z');
const start = '2026-03-03T12:00:00.000Z'; // 7 days of hourly rollups up to now

describe('trendingTerms', () => {
  const rollups = series(start, 168, (i) => {
    const recent = i >= 162; // last 6 hours
    return {
      count: 1,
      terms: {
        battery: 1, // steady: 1 per hour always
        ...(recent ? { '#Recall': 4, firmware: 1 } : {}),
        ...(i % 24 === 0 ? { firmware: 1 } : {}),
      },
    };
  });
  const result = trendingTerms({ rollups, now, windowHours: 6, baselineHours: 162, options: { minCount: 5, minScore: 3 } });

  it('finds a term bursting above its trailing baseline and folds case', () => {
    expect(result.map((t) => t.term)).toEqual(['#recall', 'firmware']);
    const r = result[0]!;
    expect(r).toMatchObject({ kind: 'hashtag', count: 24, baseline: 0 });
    expect(r.score).toBeCloseTo(24, 9);
    // firmware: 6 in the window, 7 in the 162 baseline hours -> expected 7 * 6 / 162
    expect(result[1]).toMatchObject({ kind: 'term', count: 6 });
    expect(result[1]!.baseline).toBeCloseTo((7 * 6) / 162, 9);
  });

  it('does not report a steady term however frequent', () => {
    expect(result.find((t) => t.term === 'battery')).toBeUndefined();
  });

  it('respects minCount', () => {
    const r = trendingTerms({ rollups, now, windowHours: 6, baselineHours: 162, options: { minCount: 25, minScore: 3 } });
    expect(r).toEqual([]);
  });

  it('scores (observed − expected) / sqrt(expected + 1)', () => {
    expect(burstScore(10, 3)).toBeCloseTo(3.5, 9);
  });

  it('sorts by score then count', () => {
    const rs = series('2026-03-10T06:00:00.000Z', 6, () => ({ count: 1, terms: { a: 2, b: 3, c: 2 } }));
    const r = trendingTerms({ rollups: rs, now, windowHours: 6, baselineHours: 24, options: { minCount: 1, minScore: 1 } });
    expect(r.map((t) => t.term)).toEqual(['b', 'a', 'c']);
  });
});
