import { FIELD_NAMES, type FieldName } from './ast.js';
import { QueryParseError } from './errors.js';

export type LexToken =
  | { type: 'lparen' | 'rparen' | 'and' | 'or' | 'not'; position: number }
  | { type: 'near'; distance: number; ordered: boolean; position: number }
  | { type: 'term' | 'phrase'; text: string; position: number }
  | { type: 'field'; name: FieldName; position: number }
  | { type: 'eof'; position: number };

/** Largest NEAR distance accepted; larger windows behave like AND and cost more. */
export const MAX_NEAR_DISTANCE = 100;

const SPACE = /\s/u;
const FIELD_PREFIX = /^([A-Za-z]+):/;
const NEAR_RE = /^NEAR(?:\/(\d+)(f?))?$/;

function isBreak(ch: string): boolean {
  return SPACE.test(ch) || ch === '(' || ch === ')' || ch === '"';
}

function atWordStart(q: string, i: number): boolean {
  return i === 0 || SPACE.test(q[i - 1] ?? '') || q[i - 1] === '(';
}

export function lex(q: string): LexToken[] {
  const out: LexToken[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i] ?? '';
    if (SPACE.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      out.push({ type: ch === '(' ? 'lparen' : 'rparen', position: i });
      i++;
    } else if (ch === '"') {
      const end = q.indexOf('"', i + 1);
      if (end === -1) throw new QueryParseError('unterminated phrase: missing closing "', i);
      out.push({ type: 'phrase', text: q.slice(i + 1, end), position: i });
      i = end + 1;
    } else if (ch === '-' && atWordStart(q, i) && i + 1 < q.length && !SPACE.test(q[i + 1] ?? '')) {
      out.push({ type: 'not', position: i });
      i++;
    } else {
      i = lexWord(q, i, out);
    }
  }
  out.push({ type: 'eof', position: q.length });
  return out;
}

function lexWord(q: string, start: number, out: LexToken[]): number {
  let end = start;
  while (end < q.length && !isBreak(q[end] ?? '')) end++;
  const text = q.slice(start, end);
  if (text === 'AND' || text === 'OR' || text === 'NOT') {
    out.push({ type: text === 'AND' ? 'and' : text === 'OR' ? 'or' : 'not', position: start });
    return end;
  }
  if (text.startsWith('NEAR')) {
    const m = NEAR_RE.exec(text);
    if (m) {
      if (m[1] === undefined) throw new QueryParseError('NEAR needs a distance, e.g. NEAR/3', start);
      const distance = Number(m[1]);
      if (distance > MAX_NEAR_DISTANCE) throw new QueryParseError(`NEAR distance must be at most ${MAX_NEAR_DISTANCE}`, start);
      out.push({ type: 'near', distance, ordered: m[2] === 'f', position: start });
      return end;
    }
    if (text.startsWith('NEAR/')) throw new QueryParseError('NEAR distance must be a whole number, e.g. NEAR/3', start);
  }
  const field = FIELD_PREFIX.exec(text);
  if (field?.[1] !== undefined) {
    const name = field[1].toLowerCase();
    const valueStart = start + field[0].length;
    const hasValue = valueStart < end || q[end] === '(' || q[end] === '"';
    if (FIELD_NAMES.includes(name as FieldName)) {
      if (!hasValue) throw new QueryParseError(`field ${name}: needs a value right after the colon`, start);
      out.push({ type: 'field', name: name as FieldName, position: start });
      return valueStart < end ? lexWord(q, valueStart, out) : end;
    }
    if (hasValue) {
      throw new QueryParseError(
        `unknown field "${field[1]}" (known: ${FIELD_NAMES.join(', ')}); put text containing ":" in quotes`,
        start,
      );
    }
  }
  out.push({ type: 'term', text, position: start });
  return end;
}
