import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { forecastBrands } from '../../src/pipeline/forecasts.js';
import { mention } from './fixtures.js';

const HOUR = 3_600_000;
const START = Date.parse('2026-11-01T00:00:00Z');
/** 14 days: 2 mentions an hour at night (UTC 0–7), 10 by day, every third one negative */
async function storeWithHistory(): Promise<MemoryStore> {
  const store = new MemoryStore(() => new Date(START + 15 * 24 * HOUR));
  const ms = [];
  for (let h = 0; h < 14 * 24; h++) {
    const n = h % 24 < 8 ? 2 : 10;
    for (let k = 0; k < n; k++) ms.push(mention(`h${h}-${k}`, k % 3 === 0 ? 'negative' : 'neutral', new Date(START + h * HOUR + k * 60_000).toISOString(), { author: `a${k}` }));
  }
  await store.commit({ mentions: ms, seenItemKeys: [], sourceStates: {}, sourceHealth: [], outbox: [], kv: {} });
  return store;
}

describe('forecasts from the stored history', () => {
  it('follows the daily rhythm hour by hour, with 80 % ranges around it that hold the usual counts', async () => {
    const store = await storeWithHistory();
    const at = new Date(START + 14 * 24 * HOUR + 30 * 60_000);
    const [f] = await forecastBrands(store, ['Acme'], ['Acme'], at, { hours: 24, timezone: 'UTC', baselineDays: 14, levelHalfLifeDays: 3 });
    expect(f?.brand).toBe('Acme');
    expect(f?.generatedAt).toBe(at.toISOString());
    expect(f?.points).toHaveLength(24);
    // the first point is the next whole hour
    expect(f?.points[0]?.start).toBe(new Date(START + 14 * 24 * HOUR + HOUR).toISOString());
    const night = f!.points[2]!; // 03:00 UTC
    const day = f!.points[12]!; // 13:00 UTC
    expect(night.mentions.expected).toBeGreaterThan(1);
    expect(night.mentions.expected).toBeLessThan(3.5);
    expect(day.mentions.expected).toBeGreaterThan(8);
    expect(day.mentions.expected).toBeLessThan(12);
    expect(day.mentions.lower).toBeLessThanOrEqual(10);
    expect(day.mentions.upper).toBeGreaterThanOrEqual(10);
    expect(day.mentions.upper).toBeLessThan(25);
    expect(day.negative.expected).toBeGreaterThan(2.5);
    expect(day.negative.expected).toBeLessThan(5);
    for (const p of f!.points) {
      for (const r of [p.mentions, p.negative]) {
        expect(Number.isInteger(r.lower) && Number.isInteger(r.upper)).toBe(true);
        expect(r.lower).toBeLessThanOrEqual(r.expected);
        expect(r.upper).toBeGreaterThanOrEqual(r.expected);
      }
    }
  });

  it('as of a past moment uses only what was stored before it, and the range widens with the horizon', async () => {
    const store = await storeWithHistory();
    // with nothing before `at`, there is no level: zero expected
    const [empty] = await forecastBrands(store, ['Acme'], ['Acme'], new Date(START), { hours: 3, timezone: 'UTC', baselineDays: 14, levelHalfLifeDays: 3 });
    expect(empty?.points.map((p) => p.mentions.expected)).toEqual([0, 0, 0]);
    const at = new Date(START + 7 * 24 * HOUR);
    const [f] = await forecastBrands(store, ['Acme'], ['Acme'], at, { hours: 72, timezone: 'UTC', baselineDays: 14, levelHalfLifeDays: 3 });
    const widthAt = (i: number): number => f!.points[i]!.mentions.upper - f!.points[i]!.mentions.lower;
    expect(widthAt(60)).toBeGreaterThan(widthAt(12));
  });
});
