/**
 * Evaluation of the shipped offline model, validation and frozen test splits side by side (issue 10): per-class
 * recall, macro recall, confusion matrices and calibration (ECE, reliability table). The splits are defined in
 * scripts/train/splits.ts (a hash rule, no data in the repo); the data is read from ../shared/data/sentiment.
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_MODEL_PATH, loadLocalClassifier } from '../src/classify/local/index.js';
import { SENTIMENT_LABELS } from '../src/domain/types.js';
import { loadBrand, loadSplit, type Example } from '../scripts/train/data.js';
import { calibration, evaluate, type Calibration, type Metrics } from '../scripts/train/metrics.js';
import { BRAND_SETS } from '../scripts/train/splits.js';

const DATA_DIR = fileURLToPath(new URL('../../shared/data/sentiment', import.meta.url));

export interface EvalSplit {
  name: string;
  rows: Example[];
}

/** Validation (the tuning set), the frozen generic test split, and the frozen brand test split (pooled and per set). */
export function evaluationSplits(dataDir: string = DATA_DIR): EvalSplit[] {
  const brand = loadBrand(dataDir, 'test');
  return [
    { name: 'validation (tuning)', rows: loadSplit(dataDir, 'val') },
    { name: 'generic test (frozen)', rows: loadSplit(dataDir, 'test') },
    { name: 'brand test (frozen)', rows: brand },
    ...BRAND_SETS.map((set) => ({ name: `  of which ${set}`, rows: brand.filter((r) => r.set === set) })),
  ];
}

export interface SplitResult {
  name: string;
  metrics: Metrics;
  calibration: Calibration;
}

export async function evaluateModel(splits: EvalSplit[], modelPath: string = DEFAULT_MODEL_PATH): Promise<{ results: SplitResult[]; trainExamples: number }> {
  const clf = await loadLocalClassifier({ modelPath });
  const results = splits.map(({ name, rows }) => {
    const out = clf.classifySync(rows.map((r) => r.text));
    const predicted = out.map((s) => SENTIMENT_LABELS.indexOf(s.label));
    const probs = out.flatMap((s) => [s.scores.negative, s.scores.neutral, s.scores.positive]);
    const labels = rows.map((r) => r.label);
    return { name, metrics: evaluate(predicted, labels), calibration: calibration(probs, predicted, labels) };
  });
  return { results, trainExamples: clf.model.meta.trainExamples - (clf.model.meta.brandExamples ?? 0) };
}

const f3 = (x: number): string => x.toFixed(3);

/** The three tables `npm run bench -- classify` prints. */
export function evaluationTables(results: SplitResult[]): { summary: object[]; confusion: object[]; reliability: object[] } {
  const summary = results.map(({ name, metrics: m, calibration: c }) => ({
    split: name,
    n: m.confusion.flat().reduce((a, b) => a + b, 0),
    macroRecall: f3(m.macroRecall),
    negRecall: f3(m.recall[0]!),
    neuRecall: f3(m.recall[1]!),
    posRecall: f3(m.recall[2]!),
    negPrecision: f3(m.precision[0]!),
    accuracy: f3(m.accuracy),
    macroF1: f3(m.macroF1),
    ECE: f3(c.ece),
  }));
  const confusion = results.flatMap(({ name, metrics: m }) =>
    SENTIMENT_LABELS.map((label, t) => ({ split: name, true: label, '-> negative': m.confusion[t]![0], '-> neutral': m.confusion[t]![1], '-> positive': m.confusion[t]![2] })),
  );
  const bins = results[0]?.calibration.bins ?? [];
  const reliability = bins.map((b, i) => ({
    confidence: `${b.lo.toFixed(2)}–${b.hi.toFixed(2)}`,
    ...Object.fromEntries(
      results.map(({ name, calibration: c }) => {
        const x = c.bins[i]!;
        return [`${name.trim()}: n, conf -> acc`, x.n ? `${x.n}, ${f3(x.meanConfidence)} -> ${f3(x.accuracy)}` : '0'];
      }),
    ),
  }));
  return { summary, confusion, reliability };
}

export async function benchEvaluation(dataDir: string = DATA_DIR, modelPath?: string): Promise<ReturnType<typeof evaluationTables> & { notes: string[] }> {
  const { results, trainExamples } = await evaluateModel(evaluationSplits(dataDir), modelPath);
  const heldOutTrain = loadSplit(dataDir, 'train').length;
  // a model trained on the whole training file (before the split existed) has seen the generic test rows
  const notes =
    trainExamples > heldOutTrain
      ? [`This model was trained on ${trainExamples} tweets, more than the ${heldOutTrain} outside the generic test split: it has seen those test rows, so its generic-test figures are not held-out (validation and brand test still are).`]
      : [];
  return { ...evaluationTables(results), notes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t = await benchEvaluation(undefined, process.argv[2]);
  for (const n of t.notes) console.log(n);
  console.table(t.summary);
  console.table(t.confusion);
  console.table(t.reliability);
}
