import { describe, expect, it } from 'vitest';
import { fitBrandModels } from '../../src/analysis/brand-models.js';
import { judgeSpike, type CountedMention } from '../../src/analysis/spike-verdict.js';
import { flatRhythm, HOUR_MS, type HourSeries } from '../../src/analysis/rhythm.js';
import { judgeWindow, type CountModel } from '../../src/analysis/count-model.js';
import { mulberry32 } from '../../src/shared/prng.js';

const START = Date.parse('2026-03-01T00:00:00Z');
const DAYS = 14;
const END = START + DAYS * 24 * HOUR_MS;
const opts = { windowMinutes: 60, levelHalfLifeDays: 3 };

/** 60 mentions every three hours, split at random between the three hours: hours swing, three-hour blocks do not. */
function choppyHours(seed: number): HourSeries {
  const r = mulberry32(seed);
  const counts = new Map<number, number>();
  for (let t = START; t < END; t += 3 * HOUR_MS) {
    const a = Math.floor(r() * 41);
    const b = Math.floor(r() * (61 - a));
    [a, b, 60 - a - b].forEach((n, i) => counts.set(t + i * HOUR_MS, n));
  }
  return { counts, start: START, end: END };
}

describe('count model dispersion by window length', () => {
  it('a long window is judged on the spread long blocks have, not the hourly one', () => {
    const count = choppyHours(7);
    const m = fitBrandModels([{ brand: 'Acme', count, negative: count }], 'UTC', opts).get('Acme')!.count;
    expect(m.longWindowMinutes).toBe(180);
    // hours of 0–60 around 20 swing far beyond Poisson; their three-hour sums are always 60
    expect(m.dispersion).toBeGreaterThan(0.3);
    expect(m.dispersionLong).toBeLessThan(0.05);
  });
});

describe('per-author cap', () => {
  // 4 an hour, every hour alike and well known (a big pooled history), little spread
  const model: CountModel = { level: 4, dispersion: 0.02, dispersionLong: 0.02, longWindowMinutes: 180, clustering: 1, historyMentions: 5_000, rhythm: { ...flatRhythm(), support: new Array<number>(24).fill(10_000) }, zone: 'UTC' };
  const judge = { windowMinutes: 60, minCount: 5, pValue: 1e-5, ratioThreshold: 1.5, minAuthors: 5, maxPerAuthor: 2, minHistoryMentions: 20 };

  it('a window three times as long lets each person count three times as often', () => {
    const now = END;
    // twelve people, each writing once an hour for three hours: 12 in the last hour (usually 4) is not a spike,
    // 36 in three hours (usually 12) is; at 2 each per window the three hours would count only 24
    const ms: CountedMention[] = [];
    for (let p = 0; p < 12; p++) for (let k = 0; k < 3; k++) ms.push({ t: now - (k * 60 + p * 5 + 1) * 60_000, who: `p${p}` });
    const v = judgeSpike(model, ms, new Date(now), 'count', judge);
    expect(v).toMatchObject({ fired: true, windowMinutes: 180, perAuthorCap: 6, observed: 36, mentions: 36, authors: 12 });
    expect(judgeWindow(model, 24, now, 180, { minCount: 5, pValue: judge.pValue / 3, minRatio: 1.5, minHistoryMentions: 20 }).fired).toBe(false);
  });
});
