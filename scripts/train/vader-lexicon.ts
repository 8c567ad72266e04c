/**
 * Reads the VADER lexicon (dev dependency) at TRAINING time only; the words
 * that the tokeniser can produce are baked into the model file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const WORD_RE = /^[\p{L}\p{N}][\p{L}\p{N}'_]*$/u;

export function loadVaderLexicon(): Map<string, number> {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('vader-sentiment/package.json'));
  const out = new Map<string, number>();
  for (const line of readFileSync(join(dir, 'vader_lexicon.txt'), 'utf8').split('\n')) {
    const [word, score] = line.split('\t');
    if (word === undefined || score === undefined || !WORD_RE.test(word)) continue;
    const v = Math.round(Number(score) * 10) / 10;
    if (Number.isFinite(v) && v !== 0) out.set(word, v);
  }
  return out;
}
