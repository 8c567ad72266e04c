/**
 * fastText-style model over the same hashed features as the linear model:
 * a weighted bag of dense embeddings (features folded into 2^bits buckets),
 * an optional tanh hidden layer, then a 3-way softmax. Plain SGD with a
 * linearly decaying learning rate, class-weighted, seeded.
 */
import { mulberry32, shuffle } from './prng.js';
import type { Rows } from './featurize.js';

export interface EmbedParams {
  bits: number;
  dim: number;
  /** 0: embeddings -> softmax directly */
  hidden: number;
  epochs: number;
  lr: number;
  classWeights: [number, number, number];
  seed: number;
}

export interface EmbedWeights {
  bits: number;
  dim: number;
  hidden: number;
  /** 2^bits * dim */
  emb: Float32Array;
  /** hidden * dim + hidden bias (empty when hidden = 0) */
  w1: Float32Array;
  /** 3 * (hidden || dim) + 3 */
  w2: Float32Array;
}

export function trainEmbed(rows: Rows, p: EmbedParams): EmbedWeights {
  const rand = mulberry32(p.seed ^ 0x2545f491);
  const mask = (1 << p.bits) - 1;
  const D = p.dim;
  const H = p.hidden;
  const top = H > 0 ? H : D;
  const emb = new Float32Array((mask + 1) * D);
  for (let i = 0; i < emb.length; i++) emb[i] = (rand() * 2 - 1) / D;
  const w1 = new Float32Array(H > 0 ? H * D + H : 0);
  const s1 = Math.sqrt(6 / (D + H));
  for (let i = 0; i < H * D; i++) w1[i] = (rand() * 2 - 1) * s1;
  const w2 = new Float32Array(3 * top + 3);
  const hbuf = new Float64Array(D);
  const abuf = new Float64Array(top);
  const da = new Float64Array(top);
  const dh = new Float64Array(D);
  const order = Int32Array.from({ length: rows.labels.length }, (_, i) => i);
  const total = p.epochs * rows.labels.length;
  let step = 0;
  for (let epoch = 0; epoch < p.epochs; epoch++) {
    shuffle(order, rand);
    for (const ex of order) {
      const lr = p.lr * (1 - step / total);
      step++;
      const s = rows.offsets[ex]!;
      const e = rows.offsets[ex + 1]!;
      hbuf.fill(0);
      for (let i = s; i < e; i++) {
        const o = (rows.idx[i]! & mask) * D;
        const v = rows.val[i]!;
        for (let d = 0; d < D; d++) hbuf[d] = hbuf[d]! + emb[o + d]! * v;
      }
      if (H > 0) {
        for (let k = 0; k < H; k++) {
          let a = w1[H * D + k]!;
          for (let d = 0; d < D; d++) a += w1[k * D + d]! * hbuf[d]!;
          abuf[k] = Math.tanh(a);
        }
      } else abuf.set(hbuf);
      const z = [0, 0, 0];
      for (let c = 0; c < 3; c++) {
        let a = w2[3 * top + c]!;
        for (let k = 0; k < top; k++) a += w2[c * top + k]! * abuf[k]!;
        z[c] = a;
      }
      const m = Math.max(z[0]!, z[1]!, z[2]!);
      const ez = z.map((x) => Math.exp(x - m));
      const sum = ez[0]! + ez[1]! + ez[2]!;
      const y = rows.labels[ex]!;
      const cw = p.classWeights[y]! * rows.weights[ex]!;
      da.fill(0);
      for (let c = 0; c < 3; c++) {
        const g = (ez[c]! / sum - (c === y ? 1 : 0)) * cw;
        for (let k = 0; k < top; k++) {
          da[k] = da[k]! + g * w2[c * top + k]!;
          w2[c * top + k] = w2[c * top + k]! - lr * g * abuf[k]!;
        }
        w2[3 * top + c] = w2[3 * top + c]! - lr * g;
      }
      if (H > 0) {
        dh.fill(0);
        for (let k = 0; k < H; k++) {
          const g = da[k]! * (1 - abuf[k]! * abuf[k]!);
          for (let d = 0; d < D; d++) {
            dh[d] = dh[d]! + g * w1[k * D + d]!;
            w1[k * D + d] = w1[k * D + d]! - lr * g * hbuf[d]!;
          }
          w1[H * D + k] = w1[H * D + k]! - lr * g;
        }
      } else dh.set(da);
      for (let i = s; i < e; i++) {
        const o = (rows.idx[i]! & mask) * D;
        const v = rows.val[i]! * lr;
        for (let d = 0; d < D; d++) emb[o + d] = emb[o + d]! - v * dh[d]!;
      }
    }
  }
  return { bits: p.bits, dim: D, hidden: H, emb, w1, w2 };
}

/** Logits of one row (features idx/val over [s, e)) into out[o..o+2]. */
export function embedLogitsRow(
  m: EmbedWeights,
  idx: Int32Array,
  val: Float32Array,
  s: number,
  e: number,
  h: Float64Array,
  a: Float64Array,
  out: Float64Array,
  o: number,
): void {
  const mask = (1 << m.bits) - 1;
  const D = m.dim;
  const H = m.hidden;
  const top = H > 0 ? H : D;
  h.fill(0);
  for (let i = s; i < e; i++) {
    const b = (idx[i]! & mask) * D;
    const v = val[i]!;
    for (let d = 0; d < D; d++) h[d] = h[d]! + m.emb[b + d]! * v;
  }
  if (H > 0) {
    for (let k = 0; k < H; k++) {
      let x = m.w1[H * D + k]!;
      for (let d = 0; d < D; d++) x += m.w1[k * D + d]! * h[d]!;
      a[k] = Math.tanh(x);
    }
  } else for (let d = 0; d < D; d++) a[d] = h[d]!;
  for (let c = 0; c < 3; c++) {
    let x = m.w2[3 * top + c]!;
    for (let k = 0; k < top; k++) x += m.w2[c * top + k]! * a[k]!;
    out[o + c] = x;
  }
}

export function embedRowLogits(rows: Rows, m: EmbedWeights): Float64Array {
  const n = rows.labels.length;
  const out = new Float64Array(n * 3);
  const h = new Float64Array(m.dim);
  const a = new Float64Array(Math.max(m.hidden, m.dim));
  for (let ex = 0; ex < n; ex++) embedLogitsRow(m, rows.idx, rows.val, rows.offsets[ex]!, rows.offsets[ex + 1]!, h, a, out, ex * 3);
  return out;
}
