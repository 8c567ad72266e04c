import type { Mention } from '../../domain/types.js';
import { trendingTerms, type TrendingTerm } from '../../analysis/trends.js';
import { plural } from '../plain-words.js';
import { bucketStart, live, makeAlert, rankMentions, type Rule, type RuleContext } from './context.js';
import { round } from './spike-rule.js';

/** Recent window of the trending-topic rule, hours; the baseline is the rest of spike.baselineDays. */
export const TREND_WINDOW_HOURS = 6;
const MAX_TERMS = 3;
const MIN_HISTORY_MS = 3 * 24 * 3_600_000;

/** Per term: how many of the mentions use it and how many distinct people. Terms come from ingest (mention.terms). */
export function termUse(mentions: readonly Mention[]): { counts: Map<string, number>; authors: Map<string, Set<string>> } {
  const counts = new Map<string, number>();
  const authors = new Map<string, Set<string>>();
  for (const m of mentions) {
    for (const t of m.terms ?? []) {
      counts.set(t, (counts.get(t) ?? 0) + 1);
      let a = authors.get(t);
      if (!a) authors.set(t, (a = new Set()));
      a.add(m.author ?? m.key);
    }
  }
  return { counts, authors };
}

/**
 * Terms trending for the brand now: unusual against its own history (share of its mentions) AND against the other
 * brands' mentions (background), used by enough distinct people, never a configured name or handle. Pure.
 */
export function brandTrends(ctx: Omit<RuleContext, 'trending'>): TrendingTerm[] {
  const first = ctx.historyStart ?? ctx.rollups[0]?.hour;
  if (!first || ctx.now.getTime() - Date.parse(first) < MIN_HISTORY_MS) return [];
  const since = ctx.now.getTime() - TREND_WINDOW_HOURS * 3_600_000;
  const recent = (ctx.trendMentions ?? []).filter((m) => Date.parse(m.publishedAt) >= since);
  const use = termUse(recent);
  const o = ctx.options.trending;
  return trendingTerms({
    rollups: ctx.rollups,
    now: ctx.now,
    windowHours: TREND_WINDOW_HOURS,
    baselineHours: Math.max(1, ctx.options.spike.baselineDays * 24 - TREND_WINDOW_HOURS),
    options: o,
    recent: use.counts,
    recentTotal: recent.length,
    background: ctx.background,
    excluded: ctx.excludedTerms,
  }).filter((t) => (use.authors.get(t.term)?.size ?? 0) >= o.minAuthors);
}

/** A term or phrase trending now that was not trending at the previous evaluation. */
export const trendingTopicRule: Rule = (ctx) => {
  const before = new Set(ctx.previousTrending.map((t) => t.toLowerCase()));
  const fresh = ctx.trending.filter((t) => !before.has(t.term.toLowerCase())).slice(0, MAX_TERMS);
  const top = fresh[0];
  if (!top) return null;
  const names = fresh.map((t) => t.term);
  const related = live(ctx.trendMentions ?? []).filter((m) => names.some((n) => m.terms?.includes(n)));
  return makeAlert(ctx, {
    id: `trending-topic:${ctx.brand.name}:${bucketStart(ctx.now, 60)}:${[...names].sort().join(',')}`,
    rule: 'trending-topic',
    severity: 'info',
    title: `Trending for ${ctx.brand.name}: ${names.map((n) => `"${n}"`).join(', ')}`,
    explanation: {
      summary: `${fresh.map((t) => `"${t.term}" in ${plural(t.count, 'mention')} (usually ${Math.round(t.baseline)})`).join('; ')} in the last ${TREND_WINDOW_HOURS} hours.`,
      why: `It fired because ${fresh.length === 1 ? 'this term is' : 'these terms are'} far more common in ${ctx.brand.name}'s mentions than in its own history and than in the other brands' mentions.`,
      window: { start: new Date(ctx.now.getTime() - TREND_WINDOW_HOURS * 3_600_000).toISOString(), end: ctx.now.toISOString() },
      observed: top.count,
      baseline: Math.round(top.baseline),
      ...(ctx.timezone ? { zone: ctx.timezone } : {}),
      details: Object.fromEntries(fresh.map((t) => [`score:${t.term}`, round(t.score)])),
    },
    mentions: rankMentions(related),
  });
};
