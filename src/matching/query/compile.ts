import { compileNode, type Matcher } from './evaluate.js';
import { QueryParseError } from './errors.js';
import { parseQuery } from './parser.js';
import type { QueryNode } from './ast.js';
import { PreparedDocument, type MatchDocument } from './prepared.js';

export { QueryParseError } from './errors.js';
export { prepareDocument, PreparedDocument, type MatchDocument } from './prepared.js';

/** A brand query parsed and compiled once; `matches` accepts a raw or an already prepared document. */
export interface CompiledQuery {
  readonly source: string;
  /** it has a `lang:` filter: documents must carry their detected language */
  readonly usesLanguage: boolean;
  matches(doc: MatchDocument | PreparedDocument): boolean;
}

export interface QueryError {
  message: string;
  position: number;
}

export type TryCompileResult = { ok: true; query: CompiledQuery } | { ok: false; error: QueryError };

/** Compiles a query of the language in docs/QUERY-LANGUAGE.md. Throws QueryParseError. */
export function compileQuery(q: string): CompiledQuery {
  const ast = parseQuery(q);
  return fromMatcher(q, compileNode(ast), usesLanguage(ast));
}

function usesLanguage(n: QueryNode): boolean {
  switch (n.kind) {
    case 'lang':
      return true;
    case 'and':
    case 'or':
      return n.children.some(usesLanguage);
    case 'not':
      return usesLanguage(n.child);
    default:
      return false;
  }
}

export function fromMatcher(source: string, matcher: Matcher, language = false): CompiledQuery {
  return {
    source,
    usesLanguage: language,
    matches: (doc) => matcher(doc instanceof PreparedDocument ? doc : new PreparedDocument(doc)),
  };
}

/** Like compileQuery, but returns a parse error as a value (for config validation and chat commands). */
export function tryCompileQuery(q: string): TryCompileResult {
  try {
    return { ok: true, query: compileQuery(q) };
  } catch (e) {
    if (e instanceof QueryParseError) return { ok: false, error: { message: e.message, position: e.position } };
    throw e;
  }
}
