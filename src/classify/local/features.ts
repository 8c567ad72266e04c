/**
 * Hashed feature extraction, the single code path used by both the training
 * script and the run-time classifier. Word uni/bi-grams (negation-marked),
 * character 2-5-grams within word boundaries, emoticon/emoji polarity tokens,
 * style cues (ALL CAPS, elongation, !/?) and sentiment-lexicon features.
 * Writes into a reusable buffer: no allocation per n-gram.
 */
import { TokenKind, tokenize } from './tokenize.js';

export interface FeatureConfig {
  /** hash space is 2^bits */
  bits: number;
  charMin: number;
  charMax: number;
  /** weight of a character n-gram relative to a word feature */
  charWeight: number;
  /** scale of the continuous lexicon sums */
  lexWeight: number;
  /** words a negation covers (0: up to the next punctuation) */
  negScope: number;
  /** weight of a word bigram relative to a unigram */
  bigramWeight: number;
  /** a negated word also emits its plain unigram at this weight (0: off) */
  negPlainWeight: number;
  /** words after "but" also emit a clause-marked unigram at this weight (0: off) */
  butWeight: number;
  /** weight of a word trigram (0: off) */
  trigramWeight: number;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  bits: 18,
  charMin: 3,
  charMax: 5,
  charWeight: 0.25,
  lexWeight: 0.5,
  negScope: 3,
  bigramWeight: 1.4,
  negPlainWeight: 1,
  butWeight: 0,
  trigramWeight: 0,
};

/** Reusable output: `n` (index, value) pairs. Grows when a long text needs it. */
export class FeatureBuffer {
  idx: Int32Array;
  val: Float32Array;
  n = 0;
  constructor(capacity = 4096) {
    this.idx = new Int32Array(capacity);
    this.val = new Float32Array(capacity);
  }
  push(i: number, v: number): void {
    if (this.n === this.idx.length) {
      const idx = new Int32Array(this.n * 2);
      idx.set(this.idx);
      const val = new Float32Array(this.n * 2);
      val.set(this.val);
      this.idx = idx;
      this.val = val;
    }
    this.idx[this.n] = i;
    this.val[this.n] = v;
    this.n++;
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units, with a namespace seed. */
export function hashString(s: string, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** murmur3 finaliser over two hashes */
function mix(a: number, b: number): number {
  let h = (Math.imul(a, 0x9e3779b1) ^ b) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const NS_WORD = 1;
const NS_CHAR = 2;
const NS_META = 3;
const NEG_SALT = 0x5bd1e995;
const BIGRAM_SALT = 0x27d4eb2f;
const BUT_SALT = 0x165667b1;
const TRIGRAM_SALT = 0x3c6ef372;
const START = hashString('<s>', NS_WORD);
const META = {
  caps: hashString('__caps', NS_META),
  elong: hashString('__elong', NS_META),
  lexPos: hashString('__lexpos', NS_META),
  lexNeg: hashString('__lexneg', NS_META),
  bias: hashString('__bias', NS_META),
  lexBucket: hashString('__lexbucket', NS_META),
};
const LT = 60; // '<'
const GT = 62; // '>'

function charNgrams(w: string, cfg: FeatureConfig, mask: number, buf: FeatureBuffer): void {
  const len = w.length + 2;
  for (let i = 0; i < len; i++) {
    let h = (FNV_OFFSET ^ NS_CHAR) >>> 0;
    for (let k = 0; k < cfg.charMax && i + k < len; k++) {
      const p = i + k;
      const c = p === 0 ? LT : p === len - 1 ? GT : w.charCodeAt(p - 1);
      h ^= c;
      h = Math.imul(h, FNV_PRIME);
      if (k + 1 >= cfg.charMin) buf.push((h >>> 0) & mask, cfg.charWeight);
    }
  }
}

/**
 * Fill `buf` with the features of `text`. `lexicon` maps lower-case words to
 * valence (VADER scale, about -4..4). Returns the number of features written.
 */
export function extractFeatures(text: string, cfg: FeatureConfig, lexicon: ReadonlyMap<string, number>, buf: FeatureBuffer): number {
  const mask = (1 << cfg.bits) - 1;
  buf.n = 0;
  const tokens = tokenize(text, cfg.negScope);
  let prev = START;
  let prev2 = START;
  let lexPos = 0;
  let lexNeg = 0;
  for (const t of tokens) {
    let h = hashString(t.text, NS_WORD);
    if (t.negated) {
      if (cfg.negPlainWeight > 0) buf.push(h & mask, cfg.negPlainWeight);
      h = mix(h, NEG_SALT);
    }
    buf.push(h & mask, 1);
    if (t.afterBut && cfg.butWeight > 0) buf.push(mix(h, BUT_SALT) & mask, cfg.butWeight);
    buf.push(mix(prev, h ^ BIGRAM_SALT) & mask, cfg.bigramWeight);
    if (cfg.trigramWeight > 0) buf.push(mix(mix(prev2, prev ^ TRIGRAM_SALT), h) & mask, cfg.trigramWeight);
    prev2 = prev;
    prev = h;
    if (t.kind === TokenKind.Hashtag) {
      const bare = t.text.slice(1);
      buf.push(hashString(bare, NS_WORD) & mask, 1);
      charNgrams(bare, cfg, mask, buf);
    } else if (t.kind === TokenKind.Word) {
      charNgrams(t.text, cfg, mask, buf);
      if (t.caps) buf.push(META.caps & mask, 1);
      if (t.elongated) buf.push(META.elong & mask, 1);
      const v = lexicon.get(t.text);
      if (v !== undefined) {
        const s = t.negated ? v * -0.74 : v;
        if (s > 0) lexPos += s;
        else lexNeg -= s;
        const bucket = Math.max(-4, Math.min(4, Math.round(s)));
        buf.push(mix(META.lexBucket, bucket + 8) & mask, 1);
      }
    }
  }
  buf.push(mix(prev, hashString('</s>', NS_WORD) ^ BIGRAM_SALT) & mask, cfg.bigramWeight);
  // L2-normalise the sparse part so long texts do not dominate.
  let sq = 0;
  for (let i = 0; i < buf.n; i++) sq += buf.val[i]! * buf.val[i]!;
  const inv = sq > 0 ? 1 / Math.sqrt(sq) : 1;
  for (let i = 0; i < buf.n; i++) buf.val[i]! *= inv;
  buf.push(META.lexPos & mask, cfg.lexWeight * Math.log1p(lexPos));
  buf.push(META.lexNeg & mask, cfg.lexWeight * Math.log1p(lexNeg));
  buf.push(META.bias & mask, 1);
  return buf.n;
}
