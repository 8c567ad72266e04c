/** Classification metrics; macro-averaged recall is the TweetEval sentiment metric. */
export interface Metrics {
  macroRecall: number;
  accuracy: number;
  macroF1: number;
  recall: number[];
  precision: number[];
  /** confusion[true][predicted] */
  confusion: number[][];
}

export function evaluate(predicted: ArrayLike<number>, labels: ArrayLike<number>): Metrics {
  const confusion = [0, 1, 2].map(() => [0, 0, 0]);
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!;
    const p = predicted[i]!;
    confusion[t]![p]!++;
    if (t === p) correct++;
  }
  const recall = [0, 1, 2].map((c) => {
    const row = confusion[c]!;
    const n = row[0]! + row[1]! + row[2]!;
    return n ? row[c]! / n : 0;
  });
  const precision = [0, 1, 2].map((c) => {
    const n = confusion[0]![c]! + confusion[1]![c]! + confusion[2]![c]!;
    return n ? confusion[c]![c]! / n : 0;
  });
  const f1 = [0, 1, 2].map((c) => {
    const s = recall[c]! + precision[c]!;
    return s ? (2 * recall[c]! * precision[c]!) / s : 0;
  });
  return {
    macroRecall: (recall[0]! + recall[1]! + recall[2]!) / 3,
    accuracy: labels.length ? correct / labels.length : 0,
    macroF1: (f1[0]! + f1[1]! + f1[2]!) / 3,
    recall,
    precision,
    confusion,
  };
}

/** argmax of (logit + bias) per row */
export function predictLogits(logits: Float64Array, bias: readonly number[]): Int32Array {
  const n = logits.length / 3;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bv = logits[i * 3]! + bias[0]!;
    for (let c = 1; c < 3; c++) {
      const v = logits[i * 3 + c]! + bias[c]!;
      if (v > bv) {
        bv = v;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}
