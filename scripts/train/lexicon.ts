/**
 * The valence lexicon baked into the model file, read at TRAINING time only: VADER's lexicon (dev dependency), plus
 * domain-lexicon.tsv, service-complaint words VADER lacks (outage, crashing, buggy, unusable, overcharged, ...), which
 * the 2013-2016 training tweets rarely contain but brand teams must not miss. A word VADER rates keeps VADER's value.
 * Only words the tokeniser can produce are kept.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const WORD_RE = /^[\p{L}\p{N}][\p{L}\p{N}'_]*$/u;

function tsvEntries(text: string): [string, number][] {
  const out: [string, number][] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const [word, score] = line.split('\t');
    if (word === undefined || score === undefined || !WORD_RE.test(word)) continue;
    const v = Math.round(Number(score) * 10) / 10;
    if (Number.isFinite(v) && v !== 0) out.push([word, v]);
  }
  return out;
}

export function loadLexicon(): Map<string, number> {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('vader-sentiment/package.json'));
  const out = new Map(tsvEntries(readFileSync(join(dir, 'vader_lexicon.txt'), 'utf8')));
  for (const [word, v] of tsvEntries(readFileSync(new URL('./domain-lexicon.tsv', import.meta.url), 'utf8'))) {
    if (!out.has(word)) out.set(word, v);
  }
  return out;
}
