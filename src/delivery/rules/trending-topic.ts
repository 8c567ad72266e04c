import { bucketStart, fmt, live, makeAlert, rankMentions, type Rule } from './context.js';
import { round } from './spike-rule.js';
import { keywordPattern } from './crisis-keyword.js';

/** Recent window of the trending-topic rule, hours; the baseline is the rest of spike.baselineDays. */
export const TREND_WINDOW_HOURS = 6;
const MAX_TERMS = 5;
const MIN_HISTORY_MS = 24 * 3_600_000;

/** A term or hashtag trending now that was not trending at the previous evaluation. */
export const trendingTopicRule: Rule = (ctx) => {
  // a brand without a day of history has no baseline to trend against
  const first = ctx.historyStart ?? ctx.rollups[0]?.hour;
  if (!first || ctx.now.getTime() - Date.parse(first) < MIN_HISTORY_MS) return null;
  const before = new Set(ctx.previousTrending.map((t) => t.toLowerCase()));
  // the brand's own names are in every mention of it: their burst is the volume spike's business, not a topic
  const own = new Set((ctx.brand.names ?? [ctx.brand.name]).flatMap((n) => n.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter(Boolean));
  const isOwn = (term: string): boolean => own.has(term.toLowerCase().replace(/^#/, ''));
  const fresh = ctx.trending.filter((t) => !before.has(t.term.toLowerCase()) && !isOwn(t.term)).slice(0, MAX_TERMS);
  const top = fresh[0];
  if (!top) return null;
  const names = fresh.map((t) => t.term);
  const pats = names.map((n) => keywordPattern(n.replace(/^#/, '')));
  const related = live(ctx.recentMentions).filter((m) => pats.some((p) => p.test(`${m.title}\n${m.text}`)));
  return makeAlert(ctx, {
    id: `trending-topic:${ctx.brand.name}:${bucketStart(ctx.now, 60)}:${[...names].sort().join(',')}`,
    rule: 'trending-topic',
    severity: 'info',
    title: `Newly trending for ${ctx.brand.name}: ${names.join(', ')}`,
    explanation: {
      summary:
        `trending-topic: ${names.map((n, i) => `"${n}" (${fmt(fresh[i]!.count)} vs ${fmt(fresh[i]!.baseline)} expected)`).join(', ')} ` +
        `burst in the last ${TREND_WINDOW_HOURS} h against the trailing baseline (score ≥ ${ctx.options.trending.minScore}, count ≥ ${ctx.options.trending.minCount}).`,
      window: { start: new Date(ctx.now.getTime() - TREND_WINDOW_HOURS * 3_600_000).toISOString(), end: ctx.now.toISOString() },
      observed: top.count,
      baseline: round(top.baseline),
      threshold: ctx.options.trending.minScore,
      details: Object.fromEntries(fresh.map((t) => [`score:${t.term}`, round(t.score)])),
    },
    mentions: rankMentions(related),
  });
};
