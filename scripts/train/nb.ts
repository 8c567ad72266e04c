/**
 * Multinomial naive Bayes over the same hashed features, folded into a linear
 * weight matrix so it can be mixed into the softmax model (w = w_lr + g * w_nb)
 * without any run-time cost.
 */
import type { Rows } from './featurize.js';

export function trainNaiveBayes(rows: Rows, dim: number, alpha: number): Float32Array {
  const counts = new Float64Array(dim * 3);
  const totals = [0, 0, 0];
  for (let ex = 0; ex < rows.labels.length; ex++) {
    const y = rows.labels[ex]!;
    const wt = rows.weights[ex]!;
    for (let i = rows.offsets[ex]!; i < rows.offsets[ex + 1]!; i++) {
      const v = Math.abs(rows.val[i]!) * wt;
      counts[rows.idx[i]! * 3 + y] = counts[rows.idx[i]! * 3 + y]! + v;
      totals[y] = totals[y]! + v;
    }
  }
  const w = new Float32Array(dim * 3);
  const denom = totals.map((t) => Math.log(t + alpha * dim));
  for (let j = 0; j < dim; j++) {
    let mean = 0;
    for (let c = 0; c < 3; c++) {
      const lp = Math.log(counts[j * 3 + c]! + alpha) - denom[c]!;
      w[j * 3 + c] = lp;
      mean += lp / 3;
    }
    for (let c = 0; c < 3; c++) w[j * 3 + c] = w[j * 3 + c]! - mean;
  }
  return w;
}

/** a + g * b, in a new array */
export function mixWeights(a: Float32Array, b: Float32Array, g: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! + g * b[i]!;
  return out;
}
