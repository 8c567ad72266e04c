/**
 * Long texts (news items, Reddit posts) through a model trained on tweets. Scored whole, one negative headline in a
 * neutral article is drowned: in a proxy built from the validation tweets (`npm run bench -- classify`), appending five
 * neutral tweets to each one drops negative recall from 0.73 to under 0.1. So a text longer than a tweet is cut at
 * sentence ends into tweet-sized chunks, each chunk is scored, and the chunks' probabilities are averaged with weights
 * that favour the polar ones: w = max(p_neg, p_pos)^2 + 0.02. A text of tweet length is scored whole, as trained.
 */
import { squeezeSpace } from '../../shared/text.js';

/** Longer than this (a tweet) and a text is scored in chunks. */
export const WHOLE_TEXT_MAX = 280;
/** Sentences are packed into chunks of up to this many characters (a sentence longer than this is its own chunk). */
export const CHUNK_CHARS = 200;
const POLAR_POWER = 2;
const WEIGHT_FLOOR = 0.02;
/** At most this many chunks are scored (the first ones: titles and leads carry the verdict). */
export const MAX_CHUNKS = 24;

const SENTENCE_END = /(?<=[.!?…])\s+|\s*\n+\s*/u;

/** Sentences packed into chunks of up to CHUNK_CHARS characters, at most MAX_CHUNKS. */
export function textChunks(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  // runs of white space squeezed first: the split pattern then never rescans a long run
  for (const raw of squeezeSpace(text).split(SENTENCE_END)) {
    const s = raw.trim();
    if (s === '') continue;
    if (cur !== '' && cur.length + 1 + s.length > CHUNK_CHARS) {
      out.push(cur);
      if (out.length === MAX_CHUNKS) return out;
      cur = s;
    } else cur = cur === '' ? s : `${cur} ${s}`;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** Polarity-weighted mean of per-chunk [negative, neutral, positive] probabilities, into `out`. */
export function aggregateChunks(probs: readonly (readonly number[])[], out: Float64Array): void {
  out.fill(0);
  let total = 0;
  for (const p of probs) {
    const w = Math.max(p[0]!, p[2]!) ** POLAR_POWER + WEIGHT_FLOOR;
    total += w;
    for (let k = 0; k < 3; k++) out[k]! += w * p[k]!;
  }
  if (total > 0) for (let k = 0; k < 3; k++) out[k]! /= total;
}
