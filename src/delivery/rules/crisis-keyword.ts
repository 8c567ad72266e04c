import type { Mention, Severity } from '../../domain/types.js';
import { namePattern as keywordPattern } from '../../matching/entity-focus.js';
import { plural } from '../plain-words.js';
import { live, makeAlert, rankMentions, type Rule } from './context.js';

export { keywordPattern };

export type KeywordClass = 'legal' | 'safety' | 'security' | 'boycott' | 'operations' | 'ethics' | 'other';

/** Built-in classes of common crisis words; a configured keyword not listed is 'other'. */
const CLASS_OF: Readonly<Record<string, KeywordClass>> = {
  lawsuit: 'legal', sue: 'legal', sued: 'legal', 'class action': 'legal', fraud: 'legal', fine: 'legal', investigation: 'legal',
  recall: 'safety', injury: 'safety', injured: 'safety', fire: 'safety', explosion: 'safety', poisoning: 'safety', contamination: 'safety',
  breach: 'security', 'data leak': 'security', hack: 'security', hacked: 'security', ransomware: 'security', leak: 'security',
  boycott: 'boycott', '#boycott': 'boycott',
  outage: 'operations', down: 'operations', strike: 'operations',
  scandal: 'ethics', racism: 'ethics', discrimination: 'ethics', harassment: 'ethics',
};

/** Legal, safety, security and boycott words are critical in a negative mention; the others warnings. */
const CLASS_SEVERITY: Readonly<Record<KeywordClass, Severity>> = {
  legal: 'critical', safety: 'critical', security: 'critical', boycott: 'critical', operations: 'warning', ethics: 'warning', other: 'warning',
};

export function keywordClass(keyword: string): KeywordClass {
  return CLASS_OF[keyword.toLowerCase()] ?? 'other';
}

/** Severity of a keyword in a mention: its class's, one level lower when the mention is not negative. */
export function keywordSeverity(keyword: string, negative: boolean): Severity {
  const s = CLASS_SEVERITY[keywordClass(keyword)];
  if (negative) return s;
  return s === 'critical' ? 'warning' : 'info';
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

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/**
 * A configured crisis keyword in a negative or neutral mention. Each keyword has its own cooldown (ctx.coolingKeywords),
 * so a new keyword always gets through while the one announced an hour ago does not repeat; the alert lists only
 * mentions that contain an announced keyword.
 */
export const crisisKeywordRule: Rule = (ctx) => {
  const keywords = [...ctx.options.crisisKeywords, ...ctx.brand.crisisKeywords];
  const cooling = ctx.coolingKeywords ?? new Set<string>();
  const own = ctx.brand.names ?? [ctx.brand.name];
  const hits = live(ctx.recentMentions)
    .filter((m) => m.sentiment.label !== 'positive')
    .map((m) => {
      const hay = `${m.title}\n${m.text}`;
      const found = crisisKeywordsIn(m, keywords).filter((k) => !cooling.has(k) && keywordIsAbout(hay, k, own, ctx.brand.otherBrandNames ?? []));
      return { m, found };
    })
    .filter((h) => h.found.length > 0);
  if (hits.length === 0) return null;
  const all = [...new Set(hits.flatMap((h) => h.found))];
  const severity = hits
    .flatMap((h) => h.found.map((k) => keywordSeverity(k, h.m.sentiment.label === 'negative')))
    .reduce<Severity>((a, b) => (RANK[b] > RANK[a] ? b : a), 'info');
  const ranked = rankMentions(hits.map((h) => h.m), hits.length);
  const top = hits.find((h) => h.m.key === ranked[0]?.key) ?? hits[0]!;
  const classes = [...new Set(all.map(keywordClass))].filter((c) => c !== 'other');
  const quoted = `"${all.join('", "')}"`;
  return makeAlert(ctx, {
    // one id per brand and keyword set: the same keywords in the same mention can never be announced twice
    id: `crisis-keyword:${ctx.brand.name}:${[...all].sort().join(',')}:${top.m.key}`,
    rule: 'crisis-keyword',
    severity,
    title: `Crisis keyword ${quoted} for ${ctx.brand.name}${classes.length ? ` (${classes.join(', ')})` : ''}: ${top.m.title}`,
    explanation: {
      summary: `${plural(hits.length, 'new mention')} of ${ctx.brand.name} contain${hits.length === 1 ? 's' : ''} ${quoted}.`,
      why:
        `It fired because ${all.length === 1 ? 'this is a configured crisis keyword' : 'these are configured crisis keywords'} ` +
        `not announced for ${ctx.brand.name} in the last ${ctx.options.keywordCooldownHours} h, in a negative or neutral mention.`,
      window: { start: hits.map((h) => h.m.publishedAt).sort()[0]!, end: ctx.now.toISOString() },
      observed: hits.length,
      ...(ctx.timezone ? { zone: ctx.timezone } : {}),
      details: { keywords: all.join(', '), classes: classes.join(', ') || 'other', mentions: hits.length, topSentiment: top.m.sentiment.label },
    },
    mentions: ranked.slice(0, 5),
  });
};
