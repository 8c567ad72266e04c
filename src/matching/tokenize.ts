/**
 * Word tokeniser shared by documents, queries and term extraction, so a query word and a document word
 * are always cut the same way.
 *
 * - A word is a run of letters, digits, combining marks and connector punctuation (`_`), lowercased after
 *   NFC normalisation (so `Café` and `café`, composed or decomposed, are the same word).
 * - Han, Hiragana and Katakana characters are one word each, so `Acme在中国` yields `acme`, `在`, `中`, `国`.
 * - An apostrophe between letters stays inside the word (`acme's`, `l'oréal`); `base` is the part before the
 *   first apostrophe so a query for `acme` also finds `Acme's`.
 * - `#` or `@` directly before a word (and not after another word character, as in `info@acme.com`) is
 *   kept as the word's `prefix`: hashtags and handles.
 * - Everything else (spaces, `.`, `-`, `/`, emoji...) separates words.
 */

export type WordPrefix = '' | '#' | '@';

export interface Token {
  /** lowercased word, apostrophes included */
  word: string;
  /** the word up to its first apostrophe (same as `word` when it has none) */
  base: string;
  prefix: WordPrefix;
  /** offset of the word (prefix included) in the normalised, lowercased text */
  start: number;
}

const CJK = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}';
const WORD_CHAR = `[[\\p{L}\\p{N}\\p{M}\\p{Pc}]--[${CJK}]]`;
// Built with `new RegExp` because the `v` flag (set subtraction) is newer than the TS target.
const TOKEN_RE = new RegExp(`([#@]?)(?:([${CJK}])|(${WORD_CHAR}+(?:['’]${WORD_CHAR}+)*))`, 'gv');
const WORDISH_RE = new RegExp(`[\\p{L}\\p{N}\\p{M}\\p{Pc}]`, 'u');
const NON_ASCII_RE = /[^\u0000-\u007f]/u;

/** NFC + lowercase; skips normalisation for pure ASCII (the common case) */
export function normaliseText(text: string): string {
  return !NON_ASCII_RE.test(text) ? text.toLowerCase() : text.normalize('NFC').toLowerCase();
}

export function tokenize(text: string): Token[] {
  const s = normaliseText(text);
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(s)) !== null) {
    let prefix = (m[1] ?? '') as WordPrefix;
    const word = (m[2] ?? m[3] ?? '').replace(/’/g, "'");
    if (prefix !== '' && m.index > 0 && WORDISH_RE.test(s[m.index - 1] ?? '')) prefix = '';
    const apos = word.indexOf("'");
    out.push({ word, base: apos === -1 ? word : word.slice(0, apos), prefix, start: m.index });
  }
  return out;
}
