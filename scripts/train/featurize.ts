/** Extract features once per example into compressed rows (CSR), reused across epochs. */
import { extractFeatures, FeatureBuffer, type FeatureConfig } from '../../src/classify/local/features.js';
import type { Example } from './data.js';

export interface Rows {
  offsets: Int32Array;
  idx: Int32Array;
  val: Float32Array;
  labels: Int32Array;
  weights: Float32Array;
}

export function featurize(examples: readonly Example[], cfg: FeatureConfig, lexicon: ReadonlyMap<string, number>): Rows {
  const buf = new FeatureBuffer();
  const offsets = new Int32Array(examples.length + 1);
  const idxParts: Int32Array[] = [];
  const valParts: Float32Array[] = [];
  let total = 0;
  examples.forEach((ex, i) => {
    const n = extractFeatures(ex.text, cfg, lexicon, buf);
    idxParts.push(buf.idx.slice(0, n));
    valParts.push(buf.val.slice(0, n));
    total += n;
    offsets[i + 1] = total;
  });
  const idx = new Int32Array(total);
  const val = new Float32Array(total);
  idxParts.forEach((p, i) => idx.set(p, offsets[i]));
  valParts.forEach((p, i) => val.set(p, offsets[i]));
  return {
    offsets,
    idx,
    val,
    labels: Int32Array.from(examples, (e) => e.label),
    weights: Float32Array.from(examples, (e) => e.weight),
  };
}
