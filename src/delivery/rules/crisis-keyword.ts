import type { Mention } from '../../domain/types.js';
import { live, makeAlert, rankMentions, type Rule } from './context.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word, case-insensitive matcher for a keyword or phrase (any whitespace between words). */
export function keywordPattern(keyword: string): RegExp {
  const body = keyword.trim().split(/\s+/).map(escape).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'iu');
}

/** Keywords (lower-cased, unique, in order) found in a mention's title or text. */
export function crisisKeywordsIn(m: Pick<Mention, 'title' | 'text'>, keywords: readonly string[]): string[] {
  const hay = `${m.title}\n${m.text}`;
  const out: string[] = [];
  for (const k of keywords) {
    const key = k.trim().toLowerCase();
    if (key && !out.includes(key) && keywordPattern(key).test(hay)) out.push(key);
  }
  return out;
}

/** A configured crisis keyword in a negative or neutral mention. Critical when the mention is negative. */
export const crisisKeywordRule: Rule = (ctx) => {
  const keywords = [...ctx.options.crisisKeywords, ...ctx.brand.crisisKeywords];
  const hits = live(ctx.recentMentions)
    .filter((m) => m.sentiment.label !== 'positive')
    .map((m) => ({ m, found: crisisKeywordsIn(m, keywords) }))
    .filter((h) => h.found.length > 0);
  if (hits.length === 0) return null;
  const ranked = rankMentions(hits.map((h) => h.m), hits.length);
  const topKey = ranked[0]?.key;
  const top = hits.find((h) => h.m.key === topKey) ?? hits[0]!;
  const all = [...new Set(hits.flatMap((h) => h.found))];
  const negative = top.m.sentiment.label === 'negative';
  return makeAlert(ctx, {
    id: `crisis-keyword:${ctx.brand.name}:${top.m.key}`,
    rule: 'crisis-keyword',
    severity: negative ? 'critical' : 'warning',
    title: `Crisis keyword "${top.found.join('", "')}" in a ${top.m.sentiment.label} mention of ${ctx.brand.name}: ${top.m.title}`,
    explanation: {
      summary:
        `crisis-keyword: ${hits.length} recent ${hits.length === 1 ? 'mention' : 'mentions'} of ${ctx.brand.name} ` +
        `(negative or neutral) contain the crisis keyword${all.length > 1 ? 's' : ''} "${all.join('", "')}" (whole word, any case).`,
      window: { start: top.m.publishedAt, end: ctx.now.toISOString() },
      observed: hits.length,
      details: { keywords: all.join(', '), mentions: hits.length, topSentiment: top.m.sentiment.label },
    },
    mentions: ranked.slice(0, 5),
  });
};
