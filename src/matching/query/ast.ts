import type { WordPrefix } from '../tokenize.js';

/** Fields a query may restrict a match to. Unfielded words search `title` and `text`. */
export type TextField = 'title' | 'text' | 'author' | 'source';
export type FieldName = TextField | 'site' | 'lang';
export const FIELD_NAMES: readonly FieldName[] = ['title', 'text', 'site', 'author', 'source', 'lang'];

/** One word of a term or phrase. `wildcard` is a compiled anchored pattern when the word contains `*`. */
export interface WordPattern {
  word: string;
  prefix: WordPrefix;
  wildcard?: RegExp;
  /** literal start of a wildcard word (cheap pre-check) */
  literalPrefix?: string;
}

export type QueryNode =
  | { kind: 'words'; words: WordPattern[]; fields: readonly TextField[]; position: number; raw: string }
  | { kind: 'site'; host: string; position: number }
  /** the item's detected language (ISO 639-1, e.g. `en`): `lang:en`, `-lang:fr` */
  | { kind: 'lang'; code: string; position: number }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode; position: number }
  | { kind: 'near'; left: QueryNode; right: QueryNode; distance: number; ordered: boolean; position: number };

export const DEFAULT_FIELDS: readonly TextField[] = ['title', 'text'];
