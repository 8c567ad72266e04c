import type { Mention } from '../../domain/types.js';
import { namePattern as keywordPattern } from '../../matching/entity-focus.js';
import { live, makeAlert, rankMentions, type Rule } from './context.js';

export { keywordPattern };

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

function positions(hay: string, term: string): number[] {
  const re = new RegExp(keywordPattern(term).source, 'giu');
  return [...hay.matchAll(re)].map((m) => m.index);
}

/**
 * Is the keyword about this brand? In "Nimbus outage: we are moving to Stratus" the outage is Nimbus's, not
 * Stratus's. A keyword belongs to the brand named nearest to it (by characters); when no other configured brand is
 * named, to this one.
 */
export function keywordIsAbout(hay: string, keyword: string, own: readonly string[], others: readonly string[]): boolean {
  const other = others.flatMap((n) => positions(hay, n));
  if (other.length === 0) return true;
  const mine = own.flatMap((n) => positions(hay, n));
  if (mine.length === 0) return true; // matched through a query term we cannot locate: do not second-guess it
  return positions(hay, keyword).some((k) => {
    const dMine = Math.min(...mine.map((p) => Math.abs(p - k)));
    const dOther = Math.min(...other.map((p) => Math.abs(p - k)));
    return dMine <= dOther;
  });
}

/** A configured crisis keyword in a negative or neutral mention. Critical when the mention is negative. */
export const crisisKeywordRule: Rule = (ctx) => {
  const keywords = [...ctx.options.crisisKeywords, ...ctx.brand.crisisKeywords];
  const hits = live(ctx.recentMentions)
    .filter((m) => m.sentiment.label !== 'positive')
    .map((m) => {
      const hay = `${m.title}\n${m.text}`;
      const own = ctx.brand.names ?? [ctx.brand.name];
      return { m, found: crisisKeywordsIn(m, keywords).filter((k) => keywordIsAbout(hay, k, own, ctx.brand.otherBrandNames ?? [])) };
    })
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
