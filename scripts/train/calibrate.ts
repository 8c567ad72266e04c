/** Tuning on the validation split only: per-class logit offsets (macro recall) and temperature (NLL). */
import { evaluate, predictLogits } from './metrics.js';

/** Grid over (negative, positive) offsets with neutral fixed at 0; ties keep the smaller shift. */
export function tuneBias(logits: Float64Array, labels: Int32Array, range = 1.5, step = 0.05): [number, number, number] {
  let best: [number, number, number] = [0, 0, 0];
  let bestScore = evaluate(predictLogits(logits, best), labels).macroRecall;
  const steps = Math.round(range / step);
  for (let a = -steps; a <= steps; a++) {
    for (let b = -steps; b <= steps; b++) {
      const bias: [number, number, number] = [a * step, 0, b * step];
      const score = evaluate(predictLogits(logits, bias), labels).macroRecall;
      if (score > bestScore + 1e-12) {
        bestScore = score;
        best = bias;
      }
    }
  }
  return best;
}

export function nll(logits: Float64Array, labels: Int32Array, bias: readonly number[], t: number): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const z = [0, 1, 2].map((c) => (logits[i * 3 + c]! + bias[c]!) / t);
    const m = Math.max(...z);
    const lse = m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
    total += lse - z[labels[i]!]!;
  }
  return total / labels.length;
}

export function tuneTemperature(logits: Float64Array, labels: Int32Array, bias: readonly number[]): number {
  let best = 1;
  let bestLoss = nll(logits, labels, bias, 1);
  for (let t = 0.3; t <= 5; t += 0.05) {
    const loss = nll(logits, labels, bias, t);
    if (loss < bestLoss) {
      bestLoss = loss;
      best = Math.round(t * 100) / 100;
    }
  }
  return best;
}
