import { tokenize, type Token } from '../tokenize.js';
import type { TextField } from './ast.js';
import { normaliseHost } from './parser.js';

/** What a query looks at. `source` is the source kind and/or id, e.g. "rss" or "rss:techcrunch". */
export interface MatchDocument {
  title: string;
  text: string;
  site?: string;
  author?: string;
  source?: string;
}

/** A field's words plus an index word -> positions; `#word`/`@word` keys hold only hashtags/handles. */
export interface PreparedField {
  tokens: Token[];
  index: Map<string, number[]>;
}

function add(index: Map<string, number[]>, key: string, pos: number): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [pos]);
  else if (list[list.length - 1] !== pos) list.push(pos);
}

function prepareField(text: string): PreparedField {
  const tokens = tokenize(text);
  const index = new Map<string, number[]>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    add(index, t.word, i);
    if (t.base !== t.word) add(index, t.base, i);
    if (t.prefix !== '') {
      add(index, t.prefix + t.word, i);
      if (t.base !== t.word) add(index, t.prefix + t.base, i);
    }
  }
  return { tokens, index };
}

/**
 * A document tokenised for matching. Fields are tokenised on first use and then shared, so matching one
 * item against many brands' queries costs one tokenisation per field.
 */
export class PreparedDocument {
  private readonly cache: Partial<Record<TextField, PreparedField>> = {};
  readonly site: string | undefined;

  constructor(readonly doc: MatchDocument) {
    this.site = doc.site === undefined ? undefined : normaliseHost(doc.site);
  }

  field(name: TextField): PreparedField {
    let f = this.cache[name];
    if (f === undefined) {
      f = prepareField(this.doc[name] ?? '');
      this.cache[name] = f;
    }
    return f;
  }
}

export function prepareDocument(doc: MatchDocument): PreparedDocument {
  return new PreparedDocument(doc);
}
