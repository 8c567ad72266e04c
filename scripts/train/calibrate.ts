/** Tuning on the validation split only: per-class logit offsets (macro recall) and temperature (NLL). */

/** macro recall of argmax(logits + [a, 0, b]) without allocating */
function macroRecallAt(logits: Float64Array, labels: Int32Array, a: number, b: number, classCounts: number[]): number {
  const hits = [0, 0, 0];
  for (let i = 0; i < labels.length; i++) {
    const z0 = logits[i * 3]! + a;
    const z1 = logits[i * 3 + 1]!;
    const z2 = logits[i * 3 + 2]! + b;
    const p = z0 >= z1 ? (z0 >= z2 ? 0 : 2) : z1 >= z2 ? 1 : 2;
    if (p === labels[i]) hits[p]!++;
  }
  let sum = 0;
  for (let c = 0; c < 3; c++) sum += classCounts[c]! ? hits[c]! / classCounts[c]! : 0;
  return sum / 3;
}

/** Grid over (negative, positive) offsets with neutral fixed at 0; ties keep the first offsets found. */
export function tuneBias(logits: Float64Array, labels: Int32Array, range = 1.5, step = 0.05): [number, number, number] {
  const counts = [0, 0, 0];
  for (const y of labels) counts[y]!++;
  let best: [number, number, number] = [0, 0, 0];
  let bestScore = macroRecallAt(logits, labels, 0, 0, counts);
  const steps = Math.round(range / step);
  for (let a = -steps; a <= steps; a++) {
    for (let b = -steps; b <= steps; b++) {
      const score = macroRecallAt(logits, labels, a * step, b * step, counts);
      if (score > bestScore + 1e-12) {
        bestScore = score;
        best = [a * step, 0, b * step];
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
