import type { HourlyRollup, Mention, SummaryFacts } from '../domain/types.js';
import { engagementOf } from '../analysis/mention-ref.js';
import { overRepresented } from './themes.js';

/** A theme of an incident: a term its mentions share far more than the brand's mentions before it. */
export interface SummaryTheme {
  term: string;
  /** mentions of the incident's pool that use it */
  count: number;
}

export interface IncidentSummary {
  text: string;
  themes: SummaryTheme[];
  /** the stored mentions the text quotes (keys): every quote is one of them */
  cites: string[];
  /** the same, as data (what a language model may rephrase) */
  facts: SummaryFacts;
}

export interface SummaryInput {
  /** the incident's mentions (stored, newest or oldest first): negative ones are preferred when there are enough */
  mentions: readonly Mention[];
  /** the brand's rollups, for what its mentions said before the incident */
  rollups: readonly HourlyRollup[];
  /** the incident's start: rollup hours before it are the background */
  from: number;
  excluded?: ReadonlySet<string> | undefined;
  /** the themes of the previous message, to say how they changed */
  previous?: readonly SummaryTheme[] | undefined;
  /** whose mentions (named in the facts) */
  brand?: string | undefined;
}

const MAX_THEMES = 3;
const QUOTE_CHARS = 140;

function background(rollups: readonly HourlyRollup[], before: number): { terms: Map<string, number>; total: number } {
  const terms = new Map<string, number>();
  let total = 0;
  for (const r of rollups) {
    if (Date.parse(r.hour) >= Math.floor(before / 3_600_000) * 3_600_000) continue;
    total += r.count;
    for (const [k, v] of Object.entries(r.terms)) terms.set(k, (terms.get(k) ?? 0) + v);
  }
  return { terms, total };
}

/** A mention's words as quoted: its title (else text), one line, cut at QUOTE_CHARS. */
export function quoteOf(m: Mention): string {
  const text = (m.title.trim() || m.text).replace(/\s+/g, ' ').trim();
  return text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS - 1).trimEnd()}…` : text;
}

/** The member closest to its cluster: the most of its terms shared with the other members (per term), then the most engaged. */
function representative(members: readonly Mention[]): Mention | undefined {
  const freq = new Map<string, number>();
  for (const m of members) for (const t of new Set(m.terms ?? [])) freq.set(t, (freq.get(t) ?? 0) + 1);
  const score = (m: Mention): number => {
    const ts = [...new Set(m.terms ?? [])];
    return ts.length ? ts.reduce((s, t) => s + (freq.get(t) ?? 1) - 1, 0) / Math.sqrt(ts.length) : 0;
  };
  return [...members].sort((a, b) => score(b) - score(a) || engagementOf(b) - engagementOf(a) || (a.key < b.key ? -1 : 1))[0];
}

/**
 * What people are saying, in a few plain sentences (offline, extractive): the incident's mentions are clustered by the
 * theme each one uses first (themes: terms used by ≥ 2 of them, at least twice their share in the brand's mentions
 * before the incident, phrases first, configured names never), each theme is described by its term and count, and the
 * member closest to its cluster is quoted with its link. Figures come from the mentions, quotes from stored mentions
 * only (`cites`). Pure.
 */
export function summariseIncident(input: SummaryInput): IncidentSummary | undefined {
  const negatives = input.mentions.filter((m) => m.sentiment.label === 'negative');
  const pool = negatives.length >= 3 ? negatives : [...input.mentions];
  if (pool.length === 0) return undefined;
  const noun = pool === negatives ? 'negative mentions' : 'mentions';
  const bg = background(input.rollups, input.from);
  const uses = new Map<string, number>();
  for (const m of pool) for (const t of new Set(m.terms ?? [])) uses.set(t, (uses.get(t) ?? 0) + 1);
  const themes = overRepresented(uses, pool.length, bg, 2, input.excluded)
    // a word inside a chosen phrase says nothing new
    .filter((x, i, all) => !all.slice(0, i).some((y) => y.term.includes(' ') && y.term.split(' ').includes(x.term)))
    .slice(0, MAX_THEMES)
    .map(({ term, count }) => ({ term, count }));
  const was = new Map((input.previous ?? []).map((t) => [t.term, t.count]));
  const described = themes.map((t, i) => {
    const change = was.has(t.term) ? (was.get(t.term) === t.count ? '' : ` (was ${was.get(t.term)})`) : input.previous?.length ? ' (new)' : '';
    return i === 0 ? `"${t.term}" in ${t.count} of ${pool.length} ${noun}${change}` : `"${t.term}" in ${t.count}${change}`;
  });
  // the first theme's cluster gives the quote; without themes, the most typical mention of the pool
  const first = themes[0];
  const cluster = first ? pool.filter((m) => (m.terms ?? []).includes(first.term)) : pool;
  const quoted = representative(cluster);
  if (!quoted) return undefined;
  const quote = `For example: "${quoteOf(quoted)}"${quoted.url ? ` (${quoted.url})` : ''}.`;
  const text = described.length
    ? `People mostly talk about ${described.join(', ')}. ${quote}`
    : `${pool.length} ${noun} share no common theme yet. ${quote}`;
  const facts: SummaryFacts = {
    brand: input.brand ?? quoted.brand,
    noun,
    pool: pool.length,
    themes: themes.map((t) => ({ ...t, ...(was.has(t.term) ? { was: was.get(t.term) } : input.previous?.length ? { isNew: true } : {}) })),
    quote,
  };
  return { text, themes, cites: [quoted.key], facts };
}
