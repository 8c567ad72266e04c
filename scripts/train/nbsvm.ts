/**
 * NB-SVM (Wang & Manning 2012) over the hashed feature indices as binary
 * presence features: per class c (one-vs-rest), log-count ratios r_c, then a
 * logistic regression on r_c-scaled features, interpolated towards NB with
 * beta. Folded into one feature-major weight matrix W[j*3+c] = w'_c[j] * r_c[j]
 * plus a per-class intercept, so scoring is a sparse dot product.
 */
import { mulberry32, shuffle } from './prng.js';
import type { Rows } from './featurize.js';

export interface NbsvmParams {
  bits: number;
  alpha: number;
  beta: number;
  epochs: number;
  lr: number;
  l2: number;
  classWeights: [number, number, number];
  seed: number;
}

/** Distinct feature indices per row (masked to bits), CSR. */
export function binaryRows(rows: Rows, bits: number): { offsets: Int32Array; idx: Int32Array } {
  const mask = (1 << bits) - 1;
  const stamp = new Int32Array(mask + 1).fill(-1);
  const offsets = new Int32Array(rows.labels.length + 1);
  const idx = new Int32Array(rows.idx.length);
  let n = 0;
  for (let ex = 0; ex < rows.labels.length; ex++) {
    for (let i = rows.offsets[ex]!; i < rows.offsets[ex + 1]!; i++) {
      const j = rows.idx[i]! & mask;
      if (stamp[j] === ex) continue;
      stamp[j] = ex;
      idx[n++] = j;
    }
    offsets[ex + 1] = n;
  }
  return { offsets, idx: idx.slice(0, n) };
}

export interface NbsvmModel {
  bits: number;
  /** 2^bits * 3 */
  weights: Float32Array;
  intercept: [number, number, number];
}

export function trainNbsvm(rows: Rows, p: NbsvmParams): NbsvmModel {
  const dim = 1 << p.bits;
  const bin = binaryRows(rows, p.bits);
  const n = rows.labels.length;
  const count = new Float64Array(dim * 3);
  for (let ex = 0; ex < n; ex++) {
    const y = rows.labels[ex]!;
    for (let i = bin.offsets[ex]!; i < bin.offsets[ex + 1]!; i++) count[bin.idx[i]! * 3 + y] = count[bin.idx[i]! * 3 + y]! + 1;
  }
  const weights = new Float32Array(dim * 3);
  const intercept: [number, number, number] = [0, 0, 0];
  const rand = mulberry32(p.seed ^ 0x68e31da4);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let c = 0; c < 3; c++) {
    const r = new Float32Array(dim);
    let sp = 0;
    let sq = 0;
    for (let j = 0; j < dim; j++) {
      const pc = count[j * 3 + c]!;
      const qc = count[j * 3]! + count[j * 3 + 1]! + count[j * 3 + 2]! - pc;
      sp += pc + p.alpha;
      sq += qc + p.alpha;
    }
    for (let j = 0; j < dim; j++) {
      const pc = count[j * 3 + c]!;
      const qc = count[j * 3]! + count[j * 3 + 1]! + count[j * 3 + 2]! - pc;
      r[j] = Math.log((pc + p.alpha) / sp) - Math.log((qc + p.alpha) / sq);
    }
    const w = new Float32Array(dim);
    const g2 = new Float32Array(dim).fill(1e-6);
    let b = 0;
    let gb2 = 1e-6;
    for (let epoch = 0; epoch < p.epochs; epoch++) {
      shuffle(order, rand);
      for (const ex of order) {
        let z = b;
        const s = bin.offsets[ex]!;
        const e = bin.offsets[ex + 1]!;
        for (let i = s; i < e; i++) z += w[bin.idx[i]!]! * r[bin.idx[i]!]!;
        const y = rows.labels[ex] === c ? 1 : 0;
        const cw = p.classWeights[rows.labels[ex]!]! * rows.weights[ex]!;
        const d = (1 / (1 + Math.exp(-z)) - y) * cw;
        for (let i = s; i < e; i++) {
          const j = bin.idx[i]!;
          const g = d * r[j]! + p.l2 * w[j]!;
          g2[j] = g2[j]! + g * g;
          w[j] = w[j]! - (p.lr * g) / Math.sqrt(g2[j]!);
        }
        gb2 += d * d;
        b -= (p.lr * d) / Math.sqrt(gb2);
      }
    }
    let mean = 0;
    for (let j = 0; j < dim; j++) mean += Math.abs(w[j]!);
    mean /= dim;
    for (let j = 0; j < dim; j++) weights[j * 3 + c] = ((1 - p.beta) * mean + p.beta * w[j]!) * r[j]!;
    intercept[c] = b;
  }
  return { bits: p.bits, weights, intercept };
}

export function nbsvmRowLogits(rows: Rows, m: NbsvmModel): Float64Array {
  const bin = binaryRows(rows, m.bits);
  const n = rows.labels.length;
  const out = new Float64Array(n * 3);
  for (let ex = 0; ex < n; ex++) {
    for (let c = 0; c < 3; c++) out[ex * 3 + c] = m.intercept[c]!;
    for (let i = bin.offsets[ex]!; i < bin.offsets[ex + 1]!; i++) {
      const j = bin.idx[i]! * 3;
      out[ex * 3] = out[ex * 3]! + m.weights[j]!;
      out[ex * 3 + 1] = out[ex * 3 + 1]! + m.weights[j + 1]!;
      out[ex * 3 + 2] = out[ex * 3 + 2]! + m.weights[j + 2]!;
    }
  }
  return out;
}
