import type { BrandModels } from './brand-models.js';
import { expectedIn, type CountModel } from './count-model.js';

/**
 * The industry's day: when every other brand is busier than its model expects at the same time (a storm grounds
 * every airline, a holiday sale lifts every shop), a brand's own surge of the same size is the industry's, not its
 * incident. Each brand's expected counts are scaled by the other brands' pooled ratio of observed to expected over
 * the judged span (pooled: Σ observed / Σ expected of the others), shrunk towards 1 with INDUSTRY_PRIOR_MENTIONS, and never below 1 (a quiet industry does not make a
 * brand's normal day an incident). Pure; see docs/FORMULAS.md ("Spikes", industry factor).
 */
export const INDUSTRY_PRIOR_MENTIONS = 30;

export interface IndustryInput {
  brand: string;
  models: BrandModels;
  /** the brand's mentions over the span (times in ms), all and negative */
  count: readonly { t: number }[];
  negative: readonly { t: number }[];
}

export interface IndustryFactor {
  count: number;
  negative: number;
  models: BrandModels;
}

const scaled = (m: CountModel, f: number): CountModel => (f === 1 ? m : { ...m, level: m.level * f, industry: f });

/** Factors per brand over [now − spanMinutes, now), from the other brands (a single brand: 1). */
export function industryFactors(brands: readonly IndustryInput[], now: number, spanMinutes: number): Map<string, IndustryFactor> {
  const start = now - spanMinutes * 60_000;
  const seen = (xs: readonly { t: number }[]): number => xs.filter((x) => x.t >= start && x.t < now).length;
  const rows = brands.map((b) => ({
    b,
    obs: { count: seen(b.count), negative: seen(b.negative) },
    exp: { count: expectedIn(b.models.count, start, now).mean, negative: expectedIn(b.models.negative, start, now).mean },
  }));
  const total = (k: 'count' | 'negative', f: 'obs' | 'exp'): number => rows.reduce((s, r) => s + r[f][k], 0);
  const out = new Map<string, IndustryFactor>();
  for (const r of rows) {
    const factor = (k: 'count' | 'negative'): number => {
      if (rows.length < 2) return 1;
      const obs = total(k, 'obs') - r.obs[k];
      const exp = total(k, 'exp') - r.exp[k];
      return Math.max(1, (obs + INDUSTRY_PRIOR_MENTIONS) / (exp + INDUSTRY_PRIOR_MENTIONS));
    };
    const count = factor('count');
    const negative = factor('negative');
    out.set(r.b.brand, { count, negative, models: { count: scaled(r.b.models.count, count), negative: scaled(r.b.models.negative, negative) } });
  }
  return out;
}
