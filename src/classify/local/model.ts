/**
 * The linear model: weights laid out feature-major (w[j * 3 + c]) so one
 * hashed feature touches one cache line. Scoring is shared by training
 * (evaluation on val) and the run-time classifier.
 */
import { extractFeatures, FeatureBuffer, type FeatureConfig } from './features.js';

export const NUM_CLASSES = 3;

export interface ModelMeta {
  version: string;
  seed: number;
  trainExamples: number;
  feedbackExamples: number;
  /** in-domain brand rows among the training examples */
  brandExamples?: number;
  /** validation figures at training time */
  validation?: Record<string, number>;
}

export interface LinearModel {
  features: FeatureConfig;
  /** length 2^bits * 3 */
  weights: Float32Array;
  /** per-class offsets added to the logits (tuned on val) */
  bias: [number, number, number];
  /** logits are divided by this before softmax */
  temperature: number;
  lexicon: ReadonlyMap<string, number>;
  meta: ModelMeta;
}

/** Raw logits (before bias/temperature) of the features in `buf` into `out`. */
export function logitsOf(weights: Float32Array, buf: FeatureBuffer, out: Float64Array): void {
  let a = 0;
  let b = 0;
  let c = 0;
  const idx = buf.idx;
  const val = buf.val;
  for (let i = 0; i < buf.n; i++) {
    const j = idx[i]! * 3;
    const v = val[i]!;
    a += weights[j]! * v;
    b += weights[j + 1]! * v;
    c += weights[j + 2]! * v;
  }
  out[0] = a;
  out[1] = b;
  out[2] = c;
}

/** In-place softmax of logits adjusted by bias and temperature. */
export function calibratedSoftmax(logits: Float64Array, bias: readonly number[], temperature: number): void {
  let max = -Infinity;
  for (let k = 0; k < NUM_CLASSES; k++) {
    logits[k] = (logits[k]! + bias[k]!) / temperature;
    if (logits[k]! > max) max = logits[k]!;
  }
  let sum = 0;
  for (let k = 0; k < NUM_CLASSES; k++) {
    logits[k] = Math.exp(logits[k]! - max);
    sum += logits[k]!;
  }
  for (let k = 0; k < NUM_CLASSES; k++) logits[k] = logits[k]! / sum;
}

/** Probabilities of one text into `out` (negative, neutral, positive). */
export function predictInto(model: LinearModel, text: string, buf: FeatureBuffer, out: Float64Array): void {
  extractFeatures(text, model.features, model.lexicon, buf);
  logitsOf(model.weights, buf, out);
  calibratedSoftmax(out, model.bias, model.temperature);
}
