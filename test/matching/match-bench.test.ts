import { describe, expect, it } from 'vitest';
import { benchItems, benchMatch, BENCH_BRANDS } from '../../bench/match-bench.js';
import { createBrandMatcher } from '../../src/matching/brand-matcher.js';

describe('benchMatch', () => {
  it('reports a run over n items and five brands', async () => {
    const r = await benchMatch(500);
    expect(r).toMatchObject({ items: 500, brands: 5 });
    expect(r.itemsPerSec).toBeGreaterThan(0);
  });

  it('uses items in which every bench brand is found at least once', () => {
    const m = createBrandMatcher(BENCH_BRANDS);
    const found = new Set(benchItems(3000).flatMap((d) => m.match(d)));
    expect([...found].sort()).toEqual(BENCH_BRANDS.map((b) => b.name).sort());
  });
});
