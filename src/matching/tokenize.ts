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

const CJK_RE = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
const WORD_RE = /[\p{L}\p{N}\p{M}\p{Pc}]/u;
const NON_ASCII_RE = /\P{ASCII}/u;

/** 0 = separator, 1 = word character, 2 = a CJK character (a word on its own); indexed by char code < 128 */
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_CLASS[c] = /[A-Za-z0-9_]/.test(String.fromCharCode(c)) ? 1 : 0;

const HASH = 35;
const AT = 64;
const APOS = 39;
const RSQUO = 0x2019;

/** NFC + lowercase; skips normalisation for pure ASCII (the common case) */
export function normaliseText(text: string): string {
  return !NON_ASCII_RE.test(text) ? text.toLowerCase() : text.normalize('NFC').toLowerCase();
}

/** classes of BMP characters, filled on first sight (255 = not yet known): Unicode regexes run once per character */
const BMP_CLASS = new Uint8Array(0x10000).fill(255);
for (let c = 0; c < 128; c++) BMP_CLASS[c] = ASCII_CLASS[c]!;

function classify(ch: string): number {
  if (CJK_RE.test(ch)) return 2;
  return WORD_RE.test(ch) ? 1 : 0;
}

/** class of the code point at i (0 separator, 1 word, 2 CJK) */
function classAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdfff) return classify(String.fromCodePoint(s.codePointAt(i)!));
  let cls = BMP_CLASS[c]!;
  if (cls === 255) {
    cls = classify(String.fromCharCode(c));
    BMP_CLASS[c] = cls;
  }
  return cls;
}

function lengthAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff ? 2 : 1;
}

export type TokenSink = (word: string, base: string, prefix: WordPrefix, start: number) => void;

/**
 * Hand-written scanner (several times faster than a global Unicode regex on the hot path). Calls `sink`
 * for each word of the already normalised text `s`.
 */
export function scanWords(s: string, sink: TokenSink): void {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const cls = classAt(s, i);
    if (cls === 0) {
      i += lengthAt(s, i);
      continue;
    }
    const start = i;
    let end = i + lengthAt(s, i);
    let hasApos = false;
    if (cls === 1) {
      while (end < n) {
        const code = s.charCodeAt(end);
        if (code < 128 ? ASCII_CLASS[code] === 1 : classAt(s, end) === 1) {
          end += code < 128 ? 1 : lengthAt(s, end);
        } else if ((code === APOS || code === RSQUO) && end + 1 < n && classAt(s, end + 1) === 1) {
          hasApos = true;
          end += 1;
        } else {
          break;
        }
      }
    }
    let word = s.slice(start, end);
    let base = word;
    if (hasApos) {
      word = word.replaceAll('’', "'");
      base = word.slice(0, word.indexOf("'"));
    }
    sink(word, base, start === 0 ? '' : prefixBefore(s, start), start);
    i = end;
  }
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  scanWords(normaliseText(text), (word, base, prefix, start) => out.push({ word, base, prefix, start }));
  return out;
}

/** `#`/`@` right before the word, unless that sign itself follows a word character (`info@acme.com`) */
function prefixBefore(s: string, start: number): WordPrefix {
  const c = s.charCodeAt(start - 1);
  if (c !== HASH && c !== AT) return '';
  if (start >= 2 && classAt(s, start - 2) !== 0) return '';
  return c === HASH ? '#' : '@';
}
