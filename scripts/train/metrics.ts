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

export interface ReliabilityBin {
  /** confidence range [lo, hi) of the predicted label */
  lo: number;
  hi: number;
  n: number;
  meanConfidence: number;
  accuracy: number;
}

export interface Calibration {
  /** expected calibration error: Σ_bins n_b/N · |accuracy_b − mean confidence_b| over the predicted label's probability */
  ece: number;
  bins: ReliabilityBin[];
}

/**
 * Reliability of the predicted label's probability (`probs` row-major, 3 per text; the prediction is
 * `predicted[i]`, its confidence probs[i * 3 + predicted[i]]), in `bins` equal-width bins over [1/3, 1].
 */
export function calibration(probs: ArrayLike<number>, predicted: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): Calibration {
  const lo = 1 / 3;
  const width = (1 - lo) / bins;
  const n = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hit = new Array<number>(bins).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const p = predicted[i]!;
    const c = probs[i * 3 + p]!;
    const b = Math.min(bins - 1, Math.max(0, Math.floor((c - lo) / width)));
    n[b]!++;
    conf[b]! += c;
    if (p === labels[i]) hit[b]!++;
  }
  let ece = 0;
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const k = n[b]!;
    const meanConfidence = k ? conf[b]! / k : 0;
    const accuracy = k ? hit[b]! / k : 0;
    if (labels.length) ece += (k / labels.length) * Math.abs(accuracy - meanConfidence);
    out.push({ lo: lo + b * width, hi: lo + (b + 1) * width, n: k, meanConfidence, accuracy });
  }
  return { ece, bins: out };
}
