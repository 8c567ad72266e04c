import { tokenize } from '../tokenize.js';
import type { WordPattern } from './ast.js';
import { QueryParseError } from './errors.js';

/** Stand-in for `*` while tokenising: a letter no real query uses, so the tokeniser keeps it inside the word. */
const WILDCARD_MARK = 'ǂ';
const MIN_WILDCARD_LITERALS = 2;

function escapeRegex(s: string): string {
  // only syntax characters: in `u` mode escaping anything else (e.g. `-`) is itself a syntax error
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * Cuts a query term or phrase into word patterns with the document tokeniser. A term that holds
 * punctuation (`t-mobile`, `acme.com`) therefore becomes a phrase of its words, exactly like the text it should find.
 */
export function toWordPatterns(text: string, position: number, what: 'term' | 'phrase'): WordPattern[] {
  const tokens = tokenize(text.replaceAll('*', WILDCARD_MARK));
  if (tokens.length === 0) {
    if (what === 'phrase') throw new QueryParseError('empty phrase: put at least one word between the quotes', position - 1);
    throw new QueryParseError(`"${text}" has no letters or digits to match`, position);
  }
  return tokens.map((t) => {
    if (!t.word.includes(WILDCARD_MARK)) return { word: t.word, prefix: t.prefix };
    const parts = t.word.split(WILDCARD_MARK);
    const literals = parts.join('');
    if ([...literals].length < MIN_WILDCARD_LITERALS) {
      throw new QueryParseError(`wildcard "${t.word.replaceAll(WILDCARD_MARK, '*')}" needs at least ${MIN_WILDCARD_LITERALS} letters besides *`, position + Math.max(0, t.start));
    }
    const source = `^${parts.map(escapeRegex).join("[\\p{L}\\p{N}\\p{M}\\p{Pc}']*")}$`;
    return { word: t.word.replaceAll(WILDCARD_MARK, '*'), prefix: t.prefix, wildcard: new RegExp(source, 'u'), literalPrefix: parts[0] ?? '' };
  });
}
