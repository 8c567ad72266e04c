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
}

const HOUR_MS = 3_600_000;

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
  const recent = new Map<string, number>();
  const past = new Map<string, number>();
  for (const r of input.rollups) {
    const t = Date.parse(r.hour);
    if (t >= windowStart && t < end) addTerms(recent, r.terms);
    else if (t >= baselineStart && t < windowStart) addTerms(past, r.terms);
  }
  const scale = windowHours / baselineHours;
  const out: TrendingTerm[] = [];
  for (const [term, count] of recent) {
    if (count < options.minCount) continue;
    const baseline = (past.get(term) ?? 0) * scale;
    const score = burstScore(count, baseline);
    if (score < options.minScore) continue;
    out.push({ term, kind: term.startsWith('#') ? 'hashtag' : 'term', count, baseline, score });
  }
  out.sort((a, b) => b.score - a.score || b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return out.slice(0, input.limit ?? 20);
}
