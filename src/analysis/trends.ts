import type { HourlyRollup } from '../domain/types.js';
import { InvalidAnalysisOptionsError } from './errors.js';
import type { TrendOptions } from './options.js';

export interface TrendingTerm {
  term: string;
  kind: 'hashtag' | 'term';
  /** occurrences in the recent window */
  count: number;
  /** occurrences expected in a window of that length from the trailing baseline */
  baseline: number;
  /** (count − baseline) / sqrt(baseline + 1) */
  score: number;
}

export interface TrendInput {
  rollups: readonly HourlyRollup[];
  now: Date;
  /** recent window length, hours */
  windowHours: number;
  /** trailing baseline length before the window, hours */
  baselineHours: number;
  options: TrendOptions;
  /** cap on returned terms (default 20) */
  limit?: number;
  /** exact counts of the recent window (from the mentions themselves), instead of the rollups' top terms */
  recent?: ReadonlyMap<string, number>;
  /** with `recent`: how many mentions it was counted over */
  recentTotal?: number;
  /** the other brands' counts over the same window: a term common to the whole industry is not this brand's trend */
  background?: { terms: ReadonlyMap<string, number>; total: number } | undefined;
  /** never trending (configured names, handles, query words) */
  excluded?: ReadonlySet<string> | undefined;
}

const HOUR_MS = 3_600_000;
/** fewer background mentions than this (one brand configured, a quiet night): no background test */
export const MIN_BACKGROUND = 50;

/** A configured name never trends, alone, as a hashtag or as a word of a phrase ("terrible acme"). */
export function isExcluded(term: string, excluded: ReadonlySet<string> | undefined): boolean {
  if (!excluded) return false;
  const bare = term.replace(/^#/, '');
  return excluded.has(bare) || bare.split(' ').some((w) => excluded.has(w));
}

/** Burst score of a count against an expectation: (observed − expected) / sqrt(expected + 1). */
export function burstScore(observed: number, expected: number): number {
  return (observed - expected) / Math.sqrt(Math.max(0, expected) + 1);
}

function addTerms(into: Map<string, number>, terms: Record<string, number>): void {
  for (const [term, n] of Object.entries(terms)) {
    if (!(n > 0)) continue;
    const key = term.toLowerCase();
    into.set(key, (into.get(key) ?? 0) + n);
  }
}

/**
 * Terms and hashtags whose count in [now − windowHours, now) bursts above the trailing baseline
 * [now − windowHours − baselineHours, now − windowHours). A term trends when count >= minCount and
 * score >= minScore. Sorted by score, then count, then term.
 */
export function trendingTerms(input: TrendInput): TrendingTerm[] {
  const { windowHours, baselineHours, options } = input;
  if (!(windowHours > 0)) throw new InvalidAnalysisOptionsError('windowHours', windowHours);
  if (!(baselineHours > 0)) throw new InvalidAnalysisOptionsError('baselineHours', baselineHours);
  const end = input.now.getTime();
  const windowStart = end - windowHours * HOUR_MS;
  const baselineStart = windowStart - baselineHours * HOUR_MS;
  const fromRollups = new Map<string, number>();
  const past = new Map<string, number>();
  let recentTotal = 0;
  let pastTotal = 0;
  for (const r of input.rollups) {
    const t = Date.parse(r.hour);
    if (t >= windowStart && t < end) {
      addTerms(fromRollups, r.terms);
      recentTotal += r.count;
    } else if (t >= baselineStart && t < windowStart) {
      addTerms(past, r.terms);
      pastTotal += r.count;
    }
  }
  const recent = input.recent ?? fromRollups;
  if (input.recent && input.recentTotal !== undefined) recentTotal = input.recentTotal;
  // expected from the term's share of the brand's past mentions at today's volume: a volume spike alone makes no trend
  // (without past volume, the plain time-scaled count)
  const scale = pastTotal > 0 && recentTotal > 0 ? recentTotal / pastTotal : windowHours / baselineHours;
  const bg = input.background;
  const out: TrendingTerm[] = [];
  for (const [term, count] of recent) {
    if (count < options.minCount || isExcluded(term, input.excluded)) continue;
    const baseline = (past.get(term) ?? 0) * scale;
    const score = burstScore(count, baseline);
    if (score < options.minScore) continue;
    if (bg && bg.total >= MIN_BACKGROUND && options.minLift !== undefined) {
      // share here over share in the other brands' mentions (one pseudo-count, so a term absent there is not infinite)
      const lift = count / Math.max(1, recentTotal, count) / (((bg.terms.get(term) ?? 0) + 1) / (bg.total + 1));
      if (lift < options.minLift) continue;
    }
    out.push({ term, kind: term.startsWith('#') ? 'hashtag' : 'term', count, baseline, score });
  }
  // a phrase says more than its words: words that trend only as part of a trending phrase are dropped
  const phrases = out.filter((t) => t.term.includes(' '));
  const kept = out.filter((t) => t.term.includes(' ') || t.kind === 'hashtag' || !phrases.some((p) => p.term.split(' ').includes(t.term) && p.count >= 0.6 * t.count));
  const rank = (t: TrendingTerm): number => (t.term.includes(' ') || t.kind === 'hashtag' ? 0 : 1);
  kept.sort((a, b) => rank(a) - rank(b) || b.score - a.score || b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return kept.slice(0, input.limit ?? 20);
}
