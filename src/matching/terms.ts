import { STOPWORDS } from './stopwords.js';
import { normaliseText, tokenize } from './tokenize.js';

export interface ExtractTermsOptions {
  /** also emit "a b" for adjacent kept words (default false) */
  bigrams?: boolean;
  /** words shorter than this (in characters) are dropped; hashtags count without the `#` (default 3) */
  minLength?: number;
}

const URL_RE = /\b(?:https?:\/\/|www\.)\S+/giu;
const HAS_LETTER = /\p{L}/u;
const CLAUSE_BREAK = /[.,;:!?()[\]{}"\n\r…—–|]/u;

/**
 * Words worth counting for trends, lowercased, each once, in order of first appearance (so a term's count
 * is the number of items using it, and spam repetition does not inflate it). Keeps hashtags with their `#`;
 * drops URLs, @handles, stopwords, tokens without letters (numbers) and short words. A possessive `'s` is
 * removed (`acme's` -> `acme`). Deterministic: same text, same array.
 */
export function extractTerms(text: string, options: ExtractTermsOptions = {}): string[] {
  const minLength = options.minLength ?? 3;
  const seen = new Set<string>();
  const out: string[] = [];
  const push = (t: string): void => {
    if (!seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  };
  let prev: string | undefined;
  let prevEnd = 0;
  const clean = text.replace(URL_RE, ' ');
  const norm = normaliseText(clean);
  for (const t of tokenize(clean)) {
    // a phrase never spans a clause: "outage, overbooked" is two complaints, not a phrase
    if (prev !== undefined && CLAUSE_BREAK.test(norm.slice(prevEnd, t.start))) prev = undefined;
    prevEnd = t.start + t.prefix.length + t.word.length;
    const word = /'s$/.test(t.word) ? t.base : t.word;
    const keep = t.prefix !== '@' && HAS_LETTER.test(word) && [...word].length >= minLength && !STOPWORDS.has(word) && !STOPWORDS.has(t.base);
    if (!keep) {
      prev = undefined;
      continue;
    }
    const term = t.prefix === '#' ? `#${word}` : word;
    push(term);
    if (options.bigrams === true && prev !== undefined && t.prefix === '') push(`${prev} ${term}`);
    prev = t.prefix === '' ? term : undefined;
  }
  return out;
}
