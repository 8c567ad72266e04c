import { describe, expect, it } from 'vitest';
import { industryFactors, INDUSTRY_PRIOR_MENTIONS } from '../../src/analysis/industry.js';
import { judgeWindow, type CountModel } from '../../src/analysis/count-model.js';
import { flatRhythm } from '../../src/analysis/rhythm.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const model = (level: number): CountModel => ({ level, dispersion: 0.05, dispersionLong: 0.05, longWindowMinutes: 180, clustering: 1, historyMentions: 5_000, rhythm: { ...flatRhythm(), support: new Array<number>(24).fill(10_000) }, zone: 'UTC' });
const brand = (name: string, level: number, perHour: number) => {
  const ts = Array.from({ length: perHour * 3 }, (_, i) => ({ t: NOW - 3 * 3_600_000 + (i * 3_600_000) / perHour }));
  return { brand: name, models: { count: model(level), negative: model(level / 4) }, count: ts, negative: [] };
};

describe('industry factor: a surge every brand shares is the industry\'s day', () => {
  it('when the other brands run at twice their usual, a brand\'s expected count doubles (shrunk by the prior) and its own doubling no longer fires', () => {
    const others = [brand('B', 20, 40), brand('C', 30, 60), brand('D', 10, 20)];
    const f = industryFactors([brand('A', 10, 20), ...others], NOW, 180);
    const obs = 180 + 120 + 60;
    const exp = 3 * (20 + 30 + 10);
    expect(f.get('A')!.count).toBeCloseTo((obs + INDUSTRY_PRIOR_MENTIONS) / (exp + INDUSTRY_PRIOR_MENTIONS), 6);
    expect(f.get('A')!.models.count.level).toBeCloseTo(10 * f.get('A')!.count, 6);
    expect(f.get('A')!.models.count.industry).toBe(f.get('A')!.count);
    const opts = { minCount: 5, pValue: 1e-5, minRatio: 1.5, minHistoryMentions: 20 };
    expect(judgeWindow(model(10), 90, NOW, 180, opts).fired).toBe(true);
    expect(judgeWindow(f.get('A')!.models.count, 90, NOW, 180, opts).fired).toBe(false);
  });

  it('a quiet industry never lowers the bar, one brand alone has no industry, and a brand\'s own burst is not its own background', () => {
    const quiet = industryFactors([brand('A', 10, 10), brand('B', 20, 5), brand('C', 30, 5)], NOW, 180);
    expect(quiet.get('A')!.count).toBe(1);
    expect(quiet.get('A')!.models.count).not.toHaveProperty('industry');
    expect(industryFactors([brand('A', 10, 100)], NOW, 180).get('A')!.count).toBe(1);
    const burst = industryFactors([brand('A', 10, 100), brand('B', 20, 20), brand('C', 30, 30)], NOW, 180);
    expect(burst.get('A')!.count).toBe(1);
    expect(burst.get('B')!.count).toBeGreaterThan(1); // A's burst lifts the others' bar: the price of pooling, see FORMULAS
  });
});
