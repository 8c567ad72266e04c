import type { RawItem } from '../domain/types.js';
import { DEFAULT_FIELDS, type QueryNode } from './query/ast.js';
import { compileQuery, fromMatcher, type CompiledQuery } from './query/compile.js';
import { compileNode } from './query/evaluate.js';
import { prepareDocument, type MatchDocument } from './query/prepared.js';
import { toWordPatterns } from './query/words.js';

export interface BrandQuerySpec {
  name: string;
  aliases: string[];
  query?: string;
}

export interface BrandMatcher {
  /** names of the brands whose query matches, in the order the brands were given */
  match(doc: MatchDocument): string[];
  /** some query has `lang:`: documents must carry their detected language (`MatchDocument.language`) */
  readonly needsLanguage: boolean;
}

/** A brand without a query matches its name or any alias as a phrase (in title or text). */
export function brandQuery(brand: BrandQuerySpec): CompiledQuery {
  if (brand.query !== undefined && brand.query.trim() !== '') return compileQuery(brand.query);
  const phrases: QueryNode[] = [];
  for (const p of [brand.name, ...brand.aliases]) {
    const words = p.replaceAll('*', ' ');
    if (!/[\p{L}\p{N}]/u.test(words)) continue;
    phrases.push({ kind: 'words', words: toWordPatterns(words, 0, 'phrase'), fields: DEFAULT_FIELDS, position: 0, raw: p });
  }
  const node: QueryNode = { kind: 'or', children: phrases };
  return fromMatcher(`(${[brand.name, ...brand.aliases].map((p) => JSON.stringify(p)).join(' OR ')})`, compileNode(node));
}

/**
 * Compiles every brand once (throws QueryParseError for an invalid query; config validation catches those
 * earlier). Each document is tokenised once for all brands.
 */
export function createBrandMatcher(brands: readonly BrandQuerySpec[]): BrandMatcher {
  const compiled = brands.map((b) => ({ name: b.name, query: brandQuery(b) }));
  return {
    needsLanguage: compiled.some((b) => b.query.usesLanguage),
    match(doc) {
      const prepared = prepareDocument(doc);
      const out: string[] = [];
      for (const b of compiled) if (b.query.matches(prepared)) out.push(b.name);
      return out;
    },
  };
}

/** The matchable view of a raw item; `source` holds kind and id (`rss:techcrunch`) so `source:` can use either. */
export function toMatchDocument(item: RawItem): MatchDocument {
  return { title: item.title, text: item.text, site: item.site, author: item.author, source: `${item.sourceKind}:${item.sourceId}` };
}
