import type { HourlyRollup, Mention } from '../../domain/types.js';
import { hourOf } from './paths.js';
import { TOP_TERMS_PER_HOUR, topTerms } from '../rollup-core.js';

export { TOP_TERMS_PER_HOUR, topTerms };

export type TermsOf = (m: Mention) => string[];

const groupKey = (brand: string, hour: string): string => `${brand}\u0000${hour}`;


/**
 * Hourly rollups of a set of mentions (pure). Only (brand, hour) pairs that have mentions appear.
 * Mentions' publishedAt must be toISOString() strings (the store normalises them).
 */
export function computeRollups(mentions: Iterable<Mention>, termsOf: TermsOf, limit = TOP_TERMS_PER_HOUR): HourlyRollup[] {
  const groups = new Map<string, { r: HourlyRollup; terms: Map<string, number> }>();
  for (const m of mentions) {
    const hour = hourOf(m.publishedAt);
    const k = groupKey(m.brand, hour);
    let g = groups.get(k);
    if (!g) {
      g = { r: { brand: m.brand, hour, count: 0, positive: 0, neutral: 0, negative: 0, engagement: 0, terms: {} }, terms: new Map() };
      groups.set(k, g);
    }
    g.r.count++;
    g.r[m.sentiment.label]++;
    g.r.engagement += (m.reach.score ?? 0) + (m.reach.comments ?? 0);
    for (const t of termsOf(m)) g.terms.set(t, (g.terms.get(t) ?? 0) + 1);
  }
  return [...groups.values()].map(({ r, terms }) => ({ ...r, terms: topTerms(terms, limit) }));
}
