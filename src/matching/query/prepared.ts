import { normaliseText, scanWords, type WordPrefix } from '../tokenize.js';
import type { TextField } from './ast.js';
import { normaliseHost } from './parser.js';

/** What a query looks at. `source` is the source kind and/or id, e.g. "rss" or "rss:techcrunch". */
export interface MatchDocument {
  title: string;
  text: string;
  site?: string;
  author?: string;
  source?: string;
  /** detected language (ISO 639-1, `und` when unknown): only set when a query uses `lang:` */
  language?: string;
}

/** Lookups answered by scanning before a field builds its word index (few brands: scanning is cheaper). */
const SCAN_LOOKUPS = 12;
const NO_POSITIONS: readonly number[] = [];

/**
 * One field's words as parallel arrays. `positions(key)` finds a plain word (matching `word` or `base`) or,
 * with a `#`/`@` key, only hashtags/handles; it scans for the first few lookups, then builds an index.
 */
export class PreparedField {
  readonly words: string[] = [];
  readonly bases: string[] = [];
  readonly prefixes: WordPrefix[] = [];
  private lookups = 0;
  private index: Map<string, number[]> | undefined;

  constructor(text: string) {
    scanWords(normaliseText(text), (word, base, prefix) => {
      this.words.push(word);
      this.bases.push(base);
      this.prefixes.push(prefix);
    });
  }

  get length(): number {
    return this.words.length;
  }

  positions(word: string, prefix: WordPrefix): readonly number[] {
    if (this.index !== undefined) return this.index.get(prefix + word) ?? NO_POSITIONS;
    if (++this.lookups > SCAN_LOOKUPS) {
      this.index = this.buildIndex();
      return this.index.get(prefix + word) ?? NO_POSITIONS;
    }
    let out: number[] | undefined;
    for (let i = 0; i < this.words.length; i++) {
      if ((this.words[i] === word || this.bases[i] === word) && (prefix === '' || this.prefixes[i] === prefix)) (out ??= []).push(i);
    }
    return out ?? NO_POSITIONS;
  }

  private buildIndex(): Map<string, number[]> {
    const index = new Map<string, number[]>();
    const add = (key: string, pos: number): void => {
      const list = index.get(key);
      if (list === undefined) index.set(key, [pos]);
      else if (list[list.length - 1] !== pos) list.push(pos);
    };
    for (let i = 0; i < this.words.length; i++) {
      const word = this.words[i]!;
      const base = this.bases[i]!;
      const prefix = this.prefixes[i]!;
      add(word, i);
      if (base !== word) add(base, i);
      if (prefix !== '') {
        add(prefix + word, i);
        if (base !== word) add(prefix + base, i);
      }
    }
    return index;
  }
}

/**
 * A document tokenised for matching. Fields are tokenised on first use and then shared, so matching one
 * item against many brands' queries costs one tokenisation per field.
 */
export class PreparedDocument {
  private readonly cache: Partial<Record<TextField, PreparedField>> = {};
  readonly site: string | undefined;
  readonly language: string | undefined;

  constructor(readonly doc: MatchDocument) {
    this.site = doc.site === undefined ? undefined : normaliseHost(doc.site);
    this.language = doc.language;
  }

  field(name: TextField): PreparedField {
    let f = this.cache[name];
    if (f === undefined) {
      f = new PreparedField(this.doc[name] ?? '');
      this.cache[name] = f;
    }
    return f;
  }
}

export function prepareDocument(doc: MatchDocument): PreparedDocument {
  return new PreparedDocument(doc);
}
