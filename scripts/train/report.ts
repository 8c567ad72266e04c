/** Human-readable training report. */
import type { Metrics } from './metrics.js';
import type { TrainResult } from './pipeline.js';

const NAMES = ['negative', 'neutral', 'positive'];
const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);

function block(title: string, m: Metrics): string[] {
  return [
    `${title}: macro recall ${pct(m.macroRecall)}  accuracy ${pct(m.accuracy)}  macro-F1 ${pct(m.macroF1)}`,
    ...NAMES.map((n, c) => `  ${n.padEnd(9)} recall ${pct(m.recall[c]!)}  precision ${pct(m.precision[c]!)}`),
    `  confusion (rows true neg/neu/pos, cols predicted): ${m.confusion.map((r) => r.join(' ')).join(' | ')}`,
  ];
}

export function formatReport(r: TrainResult, seconds: number): string {
  return [
    `train examples ${r.trainExamples} (+${r.feedbackExamples} feedback), seed ${r.model.meta.seed}`,
    `features ${JSON.stringify(r.model.features)}`,
    ...block('validation (raw argmax)', r.raw),
    ...block('validation (tuned offsets)', r.calibrated),
    `offsets ${JSON.stringify(r.model.bias)}  temperature ${r.model.temperature}`,
    `model size ${(r.bytes.length / 1024).toFixed(0)} KiB, training time ${seconds.toFixed(1)} s`,
  ].join('\n');
}
