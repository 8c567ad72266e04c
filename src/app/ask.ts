import type { AskAnswer, AskCite } from '../chat/api.js';
import type { BrandSpec, HourlyRollup, Mention } from '../domain/types.js';
import type { OriSettings } from '../pipeline/ori.js';
import type { Store } from '../store/store.js';
import { netSentiment, sumRollups, type VolumeTotals } from '../analysis/stats.js';
import { oriAt } from '../pipeline/ori.js';
import { readQuestion, type Period, type Question } from '../delivery/question.js';
import { quoteOf, summariseIncident } from '../delivery/summary.js';
import { phraseSummary, type PhrasingDeps } from '../pipeline/phrasing.js';
import { localTime, plural } from '../delivery/plain-words.js';
import { mentionWeight } from '../delivery/digest.js';
import type { OutboxEntry } from '../store/store.js';

/** what one answer reads at most per brand: an answer, not an export */
const MAX_MENTIONS = 5_000;
const WORST = 5;
/** what /ask understands, said to whoever asks something else */
export const FORMS = [
  '"why did Nimbus drop yesterday?"',
  '"what are people saying about pricing this week?"',
  '"compare Nimbus and Stratus last month"',
  '"what changed since Monday?"',
  '"show the worst mentions today"',
  '"how are we doing?"',
];

export interface AskDeps {
  store: Store;
  brands: readonly BrandSpec[];
  ori: OriSettings;
  timezone: string;
  /** configured names and aliases, never themes */
  excludedTerms: ReadonlySet<string>;
  /** a chat model that words the summaries (checked by the bot like an incident's; else the extractive text) */
  phrasing?: PhrasingDeps | undefined;
}

interface BrandFacts {
  brand: string;
  totals: VolumeTotals;
  before: VolumeTotals;
  mentions: Mention[];
  /** the period and the same length before it: the background of the themes */
  rollups: HourlyRollup[];
  capped: boolean;
  oriStart: number;
  oriEnd: number;
  incidents: { title: string; at: string; id: string }[];
}

const pct = (x: number): string => `${Math.round(x * 100)} %`;
const signed = (x: number, digits = 0): string => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(digits)}`;
const net = (t: Pick<VolumeTotals, 'positive' | 'negative'>): string => {
  const n = netSentiment(t);
  return n === null ? 'no net sentiment (no positive or negative mentions)' : `net sentiment ${signed(n, 2)}`;
};

function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? 'none before either' : 'none in the same length of time before';
  const r = now / before - 1;
  return Math.abs(r) < 0.05 ? `about as many as before (${before})` : `${r > 0 ? 'up' : 'down'} ${pct(Math.abs(r))} from ${before}`;
}

function cite(m: Mention): AskCite {
  return { key: m.key, brand: m.brand, quote: quoteOf(m), sentiment: m.sentiment.label, publishedAt: m.publishedAt, ...(m.url ? { url: m.url } : {}) };
}

const stem = (w: string): string => w.replace(/(ing|ed|es|s)$/u, '').slice(0, Math.max(4, w.length - 3));

/** A mention is about the topic when it carries it as a topic label, or uses every word of it (word stems). */
export function aboutTopic(m: Mention, topic: string): boolean {
  const t = topic.toLowerCase();
  if (m.topics.some((x) => x.toLowerCase() === t)) return true;
  const hay = `${m.title}\n${m.text}`.toLowerCase();
  return t.split(/\s+/).every((w) => new RegExp(`(^|[^\\p{L}\\p{N}])${stem(w).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u').test(hay));
}

async function factsOf(d: AskDeps, brand: string, p: Period, outbox: readonly OutboxEntry[]): Promise<BrandFacts> {
  const len = p.end.getTime() - p.start.getTime();
  const beforeStart = new Date(p.start.getTime() - len);
  const [rollups, mentions, oriStart, oriEnd] = await Promise.all([
    d.store.rollups(brand, beforeStart.toISOString(), p.end.toISOString()),
    d.store.queryMentions({ brand, since: p.start.toISOString(), until: p.end.toISOString(), limit: MAX_MENTIONS }),
    oriAt(d.store, brand, p.start, d.ori),
    oriAt(d.store, brand, p.end, d.ori),
  ]);
  const incidents = outbox
    .filter((e) => e.payload.kind === 'alert' && e.payload.alert.brand === brand && e.payload.alert.createdAt < p.end.toISOString())
    .flatMap((e) => (e.payload.kind === 'alert' ? [{ title: e.payload.alert.title, at: e.payload.alert.createdAt, id: e.payload.alert.id }] : []));
  return {
    brand,
    totals: sumRollups(rollups, p.start, p.end),
    before: sumRollups(rollups, beforeStart, p.start),
    mentions,
    rollups,
    capped: mentions.length >= MAX_MENTIONS,
    oriStart: oriStart.value,
    oriEnd: oriEnd.value,
    incidents,
  };
}

function volumeLine(f: BrandFacts, label: string): string {
  const t = f.totals;
  if (t.count === 0) return `${f.brand}, ${label}: no mentions stored.`;
  return (
    `${f.brand}, ${label}: ${plural(t.count, 'mention')} (${change(t.count, f.before.count)}), ${pct(t.negative / t.count)} negative, ` +
    `${net(t)}; reputation index ${Math.round(f.oriEnd)} (${signed(f.oriEnd - f.oriStart)} over the period).`
  );
}

function incidentLine(f: BrandFacts, zone: string): string | undefined {
  if (f.incidents.length === 0) return undefined;
  const shown = f.incidents.slice(0, 3).map((i) => `"${i.title}" (${localTime(i.at, zone)})`);
  return `${plural(f.incidents.length, 'alert')} for ${f.brand}: ${shown.join('; ')}${f.incidents.length > 3 ? '; …' : ''}.`;
}

async function summaryLines(d: AskDeps, f: BrandFacts, pool: readonly Mention[], from: Date, cites: AskCite[], wordedBy: Set<string>): Promise<string[]> {
  const s = summariseIncident({ mentions: pool, rollups: f.rollups, from: from.getTime(), excluded: d.excludedTerms, brand: f.brand });
  if (!s) return [];
  for (const key of s.cites) {
    const m = pool.find((x) => x.key === key);
    if (m) cites.push(cite(m));
  }
  const said: { summary?: string | undefined; summaryBy?: string | undefined } = await phraseSummary({ summary: s.text, summaryFacts: s.facts, summaryBy: undefined as string | undefined }, d.phrasing);
  if (said.summaryBy) wordedBy.add(said.summaryBy);
  return [`What people say about ${f.brand}: ${said.summary ?? s.text}`];
}

/** The digest's ranking of its top mentions, (1 + engagement) × confidence, over the negative ones. */
function worstOf(ms: readonly Mention[]): Mention[] {
  return ms.filter((m) => m.sentiment.label === 'negative').sort((a, b) => mentionWeight(b) - mentionWeight(a) || (a.key < b.key ? -1 : 1)).slice(0, WORST);
}

function readAs(q: Question): string {
  const kind = { why: 'why a brand moved', topic: `what people say about "${q.topic ?? ''}"`, compare: 'a comparison', changes: 'what changed', worst: 'the worst mentions', overview: 'how things stand', unknown: 'not a question I know' }[q.intent];
  return `${kind}, for ${q.brands.join(', ')}, ${q.period.label}`;
}

/** Answers a manager's question from the store: figures from rollups and the index, quotes from stored mentions. */
export async function answerQuestion(d: AskDeps, question: string, now: Date): Promise<AskAnswer> {
  const q = readQuestion(question, d.brands, now, d.timezone);
  // the period's alerts, read once for every brand asked about
  const outbox = q.intent === 'unknown' ? [] : await d.store.outboxSince(q.period.start.toISOString());
  const facts = q.intent === 'unknown' ? [] : await Promise.all(q.brands.map((b) => factsOf(d, b, q.period, outbox)));
  const lines: string[] = [];
  const cites: AskCite[] = [];
  const wordedBy = new Set<string>();
  const label = q.period.label;
  if (q.intent === 'unknown') {
    lines.push(
      'I did not understand that question. I can answer, for any watched brand and period (today, yesterday, this week, last month, the last 3 days, since Monday, since 2026-11-20):',
      ...FORMS.map((f) => `• ${f}`),
    );
  } else if (q.intent === 'compare') {
    const all = facts.reduce((s, f) => s + f.totals.count, 0);
    for (const f of facts) {
      lines.push(`${f.brand}: ${plural(f.totals.count, 'mention')} (share of voice ${all ? pct(f.totals.count / all) : '0 %'}), ${net(f.totals)}, reputation index ${Math.round(f.oriEnd)} (${signed(f.oriEnd - f.oriStart)}).`);
    }
    const ranked = [...facts].sort((a, b) => b.oriEnd - a.oriEnd);
    if (ranked.length >= 2) lines.push(`Highest reputation index ${label}: ${ranked[0]!.brand}; lowest: ${ranked.at(-1)!.brand}.`);
  } else if (q.intent === 'worst') {
    for (const f of facts) {
      const worst = worstOf(f.mentions);
      lines.push(worst.length ? `${f.brand}, ${label}: the ${plural(worst.length, 'most negative mention')} by reach and confidence:` : `${f.brand}, ${label}: no negative mentions.`);
      for (const m of worst) {
        cites.push(cite(m));
        lines.push(`• "${quoteOf(m)}"${m.url ? ` (${m.url})` : ''}`);
      }
    }
  } else if (q.intent === 'topic') {
    const topic = q.topic ?? '';
    for (const f of facts) {
      const about = f.mentions.filter((m) => aboutTopic(m, topic));
      const k = { positive: 0, neutral: 0, negative: 0 };
      for (const m of about) k[m.sentiment.label]++;
      lines.push(
        about.length
          ? `${f.brand}, ${label}: ${plural(about.length, 'mention')} about "${topic}" of ${f.totals.count}: ${k.negative} negative, ${k.neutral} neutral, ${k.positive} positive (${net(k)}).`
          : `${f.brand}, ${label}: no mention about "${topic}" among ${plural(f.totals.count, 'mention')}.`,
      );
      if (about.length) lines.push(...(await summaryLines(d, f, about, q.period.start, cites, wordedBy)));
    }
  } else {
    for (const f of facts) {
      if (q.intent === 'why') {
        const fell = f.oriEnd < f.oriStart - 0.5;
        lines.push(`${f.brand}'s reputation index ${fell ? 'fell' : 'did not fall'} ${label}: ${Math.round(f.oriStart)} → ${Math.round(f.oriEnd)}.`);
        const neg = f.totals.count ? f.totals.negative / f.totals.count : 0;
        const negBefore = f.before.count ? f.before.negative / f.before.count : 0;
        lines.push(`Negative mentions: ${f.totals.negative} of ${f.totals.count} (${pct(neg)}), against ${pct(negBefore)} in the same length of time before; volume ${change(f.totals.count, f.before.count)}.`);
      } else {
        lines.push(volumeLine(f, label));
      }
      const inc = incidentLine(f, d.timezone);
      if (inc) lines.push(inc);
      lines.push(...(await summaryLines(d, f, f.mentions, q.period.start, cites, wordedBy)));
    }
  }
  const capped = facts.filter((f) => f.capped).map((f) => f.brand);
  if (capped.length) lines.push(`(Quotes and themes read the newest ${MAX_MENTIONS} mentions of ${capped.join(', ')}; counts cover all of them.)`);
  if (wordedBy.size) lines.push(`(What people say is worded by ${[...wordedBy].join(', ')} from the bot's figures; every figure and quote is the bot's.)`);
  return {
    question: question.slice(0, 300),
    intent: q.intent,
    brands: q.brands,
    period: { start: q.period.start.toISOString(), end: q.period.end.toISOString(), label },
    readAs: readAs(q),
    lines,
    cites,
  };
}
