import { DateTime } from 'luxon';

/**
 * How a manager's free-form question (`/ask`) is read: which kind of answer, about which brands, over which period.
 * Rules, not a model: every reading is stated back to the asker ("Read as: …"), so a wrong one is seen and rephrased,
 * and nothing is answered that the store cannot back with figures and stored mentions. Pure (time comes from `now`).
 */
export type QuestionIntent = 'why' | 'topic' | 'compare' | 'changes' | 'worst' | 'overview' | 'unknown';

export interface Period {
  start: Date;
  end: Date;
  /** in words, as the answer says it ("yesterday", "since Monday 30 Nov") */
  label: string;
}

export interface Question {
  intent: QuestionIntent;
  /** configured brand names the question names (all brands when it names none) */
  brands: string[];
  /** whether the brands were named, or defaulted to all */
  named: boolean;
  period: Period;
  /** the words asked about (topic questions) */
  topic?: string;
}

export interface QuestionBrand {
  name: string;
  aliases: readonly string[];
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const word = (s: string): RegExp => new RegExp(`(^|[^\\p{L}\\p{N}])${escape(s.toLowerCase())}($|[^\\p{L}\\p{N}])`, 'u');

/** Brands named in the text, by name or alias (whole words, any case), in configuration order. */
export function brandsIn(text: string, brands: readonly QuestionBrand[]): string[] {
  const t = text.toLowerCase();
  return brands.filter((b) => [b.name, ...b.aliases].some((n) => n.trim().length > 1 && word(n.replace(/^[@#]/, '')).test(t))).map((b) => b.name);
}

function intentOf(t: string, brandCount: number): QuestionIntent {
  if (/\b(compare|comparison|versus|vs\.?|against)\b/.test(t) || (brandCount >= 2 && /\b(better|worse|than|and)\b/.test(t) && !/\bwhy\b/.test(t))) return 'compare';
  if (/\b(worst|most negative|angriest|harshest|most critical)\b/.test(t)) return 'worst';
  if (/\bwhy\b|\bwhat happened\b|\b(drop|dropped|fell|fall|falling|decline|declined|dip|dipped|go down|went down)\b/.test(t)) return 'why';
  if (/\b(saying|talking|complaining|say|said|think|feel)\b.*\babout\b|\babout\b|\bregarding\b|\bon the subject of\b/.test(t)) return 'topic';
  if (/\b(changed|change|changes|new|different)\b/.test(t)) return 'changes';
  if (/\b(how|doing|going|status|overview|summary|update|stand|standing|reputation|sentiment|mentions)\b/.test(t) || brandCount > 0) return 'overview';
  return 'unknown';
}

const PERIOD_WORDS = /\b(today|yesterday|this|last|past|previous|since|week|month|day|days|hours|hour|weeks|on|in|the|so far|now)\b/g;
const FILLER = new Set(['new', 'latest', 'what', 'are', 'is', 'do', 'does', 'people', 'saying', 'talking', 'complaining', 'about', 'regarding', 'say', 'said', 'think', 'feel', 'of', 'the', 'a', 'an', 'our', 'us', 'we', 'they', 'customers', 'users', 'for', 'with', 'to', 'and', 'or', 'how', 'much', 'many', 'any', 'there', 'it', 'its', 'their']);

function topicOf(t: string, brands: readonly QuestionBrand[]): string | undefined {
  const m = /\b(?:about|regarding|on the subject of)\b(.*)$/.exec(t);
  let rest = (m ? m[1]! : t).replace(/[?!.,;:"'“”]/g, ' ');
  for (const b of brands) for (const n of [b.name, ...b.aliases]) rest = rest.replace(new RegExp(escape(n.toLowerCase().replace(/^[@#]/, '')), 'g'), ' ');
  rest = rest.replace(PERIOD_WORDS, ' ').replace(/\b\d{4}-\d{2}-\d{2}\b|\b\d+\b/g, ' ');
  for (const d of WEEKDAYS) rest = rest.replace(new RegExp(`\\b${d}\\b`, 'g'), ' ');
  const words = rest.split(/\s+/).filter((w) => w.length > 1 && !FILLER.has(w));
  return words.length ? words.slice(0, 3).join(' ') : undefined;
}

const fmtDay = (d: DateTime): string => d.toFormat('ccc d LLL');

/** The period a question names, in the team's zone; `fallback` when it names none. */
export function periodOf(t: string, now: Date, zone: string, fallback: 'day' | 'week' | 'today'): Period {
  const n = DateTime.fromJSDate(now, { zone });
  const today = n.startOf('day');
  const span = (start: DateTime, end: DateTime, label: string): Period => ({ start: start.toJSDate(), end: (end > n ? n : end).toJSDate(), label });
  if (/\byesterday\b/.test(t) && !/\bsince yesterday\b/.test(t)) return span(today.minus({ days: 1 }), today, 'yesterday');
  if (/\btoday\b|\bso far\b/.test(t)) return span(today, n, 'today');
  if (/\bthis week\b/.test(t)) return span(today.startOf('week'), n, 'this week');
  if (/\blast week\b|\bprevious week\b/.test(t)) return span(today.startOf('week').minus({ weeks: 1 }), today.startOf('week'), 'last week');
  if (/\bthis month\b/.test(t)) return span(today.startOf('month'), n, 'this month');
  if (/\blast month\b|\bprevious month\b/.test(t)) return span(today.startOf('month').minus({ months: 1 }), today.startOf('month'), `last month (${today.minus({ months: 1 }).toFormat('LLLL')})`);
  const last = /\b(?:last|past)\s+(\d{1,3})\s+(hours?|days?|weeks?)\b/.exec(t);
  if (last) {
    const k = Math.max(1, Number(last[1]));
    const unit = last[2]!.startsWith('hour') ? 'hours' : last[2]!.startsWith('day') ? 'days' : 'weeks';
    const capped = Math.min(k, unit === 'hours' ? 24 * 90 : unit === 'days' ? 90 : 13);
    return span(n.minus({ [unit]: capped }), n, `the last ${capped} ${capped === 1 ? unit.slice(0, -1) : unit}`);
  }
  const since = /\bsince\s+(yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{4}-\d{2}-\d{2})\b/.exec(t);
  if (since) {
    const s = since[1]!;
    let start: DateTime;
    if (s === 'yesterday') start = today.minus({ days: 1 });
    else if (/^\d{4}/.test(s)) start = DateTime.fromISO(s, { zone }).startOf('day');
    else {
      // the most recent such day before today ("since Monday" on a Monday: a week ago)
      const back = (today.weekday - (WEEKDAYS.indexOf(s) + 1) + 7) % 7 || 7;
      start = today.minus({ days: back });
    }
    if (start.isValid && start < n) return span(start, n, `since ${fmtDay(start)}`);
  }
  const on = /\bon\s+(\d{4}-\d{2}-\d{2})\b/.exec(t);
  if (on) {
    const d = DateTime.fromISO(on[1]!, { zone }).startOf('day');
    if (d.isValid && d < n) return span(d, d.plus({ days: 1 }), fmtDay(d));
  }
  if (fallback === 'today') return span(today, n, 'today');
  if (fallback === 'week') return span(n.minus({ days: 7 }), n, 'the last 7 days');
  return span(n.minus({ hours: 24 }), n, 'the last 24 hours');
}

/** Reads a question. Questions longer than 300 characters are cut there (chat caps its option anyway). */
export function readQuestion(question: string, brands: readonly QuestionBrand[], now: Date, zone: string): Question {
  const t = question.slice(0, 300).toLowerCase().replace(/\s+/g, ' ').trim();
  const named = brandsIn(t, brands);
  const intent = intentOf(t, named.length);
  const fallback: 'day' | 'week' | 'today' = intent === 'worst' ? 'today' : intent === 'topic' || intent === 'compare' || intent === 'changes' ? 'week' : 'day';
  const period = periodOf(t, now, zone, fallback);
  const topic = intent === 'topic' ? topicOf(t, brands) : undefined;
  return {
    intent: intent === 'topic' && !topic ? 'overview' : intent,
    brands: named.length ? named : brands.map((b) => b.name),
    named: named.length > 0,
    period,
    ...(topic ? { topic } : {}),
  };
}
