/**
 * Multinomial logistic regression (softmax) over hashed features, trained with
 * AdaGrad + L2 (applied to the features an example touches), class-weighted.
 */
import { mulberry32, shuffle } from './prng.js';
import type { Rows } from './featurize.js';

export interface SgdParams {
  epochs: number;
  lr: number;
  l2: number;
  /** per-class loss weights (negative, neutral, positive) */
  classWeights: [number, number, number];
  seed: number;
}

export function trainSoftmax(rows: Rows, dim: number, p: SgdParams): Float32Array {
  const w = new Float32Array(dim * 3);
  const g2 = new Float32Array(dim * 3).fill(1e-6);
  const order = Int32Array.from({ length: rows.labels.length }, (_, i) => i);
  const rand = mulberry32(p.seed);
  const z = new Float64Array(3);
  for (let epoch = 0; epoch < p.epochs; epoch++) {
    shuffle(order, rand);
    for (const ex of order) {
      const s = rows.offsets[ex]!;
      const e = rows.offsets[ex + 1]!;
      z[0] = 0;
      z[1] = 0;
      z[2] = 0;
      for (let i = s; i < e; i++) {
        const j = rows.idx[i]! * 3;
        const v = rows.val[i]!;
        z[0] += w[j]! * v;
        z[1] += w[j + 1]! * v;
        z[2] += w[j + 2]! * v;
      }
      const m = Math.max(z[0], z[1], z[2]);
      const e0 = Math.exp(z[0] - m);
      const e1 = Math.exp(z[1] - m);
      const e2 = Math.exp(z[2] - m);
      const sum = e0 + e1 + e2;
      const y = rows.labels[ex]!;
      const cw = p.classWeights[y]! * rows.weights[ex]!;
      const d0 = (e0 / sum - (y === 0 ? 1 : 0)) * cw;
      const d1 = (e1 / sum - (y === 1 ? 1 : 0)) * cw;
      const d2 = (e2 / sum - (y === 2 ? 1 : 0)) * cw;
      for (let i = s; i < e; i++) {
        const j = rows.idx[i]! * 3;
        const v = rows.val[i]!;
        const ga = d0 * v + p.l2 * w[j]!;
        const gb = d1 * v + p.l2 * w[j + 1]!;
        const gc = d2 * v + p.l2 * w[j + 2]!;
        g2[j] = g2[j]! + ga * ga;
        g2[j + 1] = g2[j + 1]! + gb * gb;
        g2[j + 2] = g2[j + 2]! + gc * gc;
        w[j] = w[j]! - (p.lr * ga) / Math.sqrt(g2[j]!);
        w[j + 1] = w[j + 1]! - (p.lr * gb) / Math.sqrt(g2[j + 1]!);
        w[j + 2] = w[j + 2]! - (p.lr * gc) / Math.sqrt(g2[j + 2]!);
      }
    }
  }
  return w;
}

/** Raw logits of every row (n * 3). */
export function rowLogits(rows: Rows, w: Float32Array): Float64Array {
  const n = rows.labels.length;
  const out = new Float64Array(n * 3);
  for (let ex = 0; ex < n; ex++) {
    for (let i = rows.offsets[ex]!; i < rows.offsets[ex + 1]!; i++) {
      const j = rows.idx[i]! * 3;
      const v = rows.val[i]!;
      out[ex * 3] = out[ex * 3]! + w[j]! * v;
      out[ex * 3 + 1] = out[ex * 3 + 1]! + w[j + 1]! * v;
      out[ex * 3 + 2] = out[ex * 3 + 2]! + w[j + 2]! * v;
    }
  }
  return out;
}
