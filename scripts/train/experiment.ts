/**
 * Shared harness of the model experiments (holdout-ensembles, glove-exp, hier-exp): the train/evaluation split of a
 * mode, both featurised with the shipped feature config, the shipped linear model's logits on the evaluation set, and a
 * one-line report (offsets tuned on the evaluated set itself, so compare candidates with each other, not with the docs).
 *   mode 'hold': train on the first 42,400 training tweets, evaluate on the last 5,000 (the later, harder years)
 *   mode 'val': train on all training tweets, evaluate on the validation split
 */
import { DEFAULT_FEATURE_CONFIG } from '../../src/classify/local/features.js';
import { tuneBias } from './calibrate.js';
import { loadSplit, type Example } from './data.js';
import { featurize, type Rows } from './featurize.js';
import { evaluate, predictLogits } from './metrics.js';
import { DEFAULT_SGD } from './pipeline.js';
import { rowLogits, trainSoftmax } from './sgd.js';
import { loadLexicon } from './lexicon.js';

export interface Experiment {
  lexicon: Map<string, number>;
  train: Example[];
  evalSet: Example[];
  tr: Rows;
  ev: Rows;
  /** logits of the shipped linear recipe (seed 42) on the evaluation set */
  linear: Float64Array;
  report(name: string, logits: Float64Array): void;
}

const pct = (x: number): string => (x * 100).toFixed(1);

export function setUpExperiment(dataDir: string, mode: string): Experiment {
  const lexicon = loadLexicon();
  const all = loadSplit(dataDir, 'train');
  const hold = mode === 'hold';
  const train = hold ? all.slice(0, all.length - 5000) : all;
  const evalSet = hold ? all.slice(all.length - 5000) : loadSplit(dataDir, 'val');
  const cfg = DEFAULT_FEATURE_CONFIG;
  const tr = featurize(train, cfg, lexicon);
  const ev = featurize(evalSet, cfg, lexicon);
  const report = (name: string, logits: Float64Array): void => {
    const raw = evaluate(predictLogits(logits, [0, 0, 0]), ev.labels);
    const bias = tuneBias(logits, ev.labels);
    const cal = evaluate(predictLogits(logits, bias), ev.labels);
    console.log(`${name} raw ${pct(raw.macroRecall)} tuned ${pct(cal.macroRecall)} neg ${pct(cal.recall[0]!)} acc ${pct(cal.accuracy)} f1 ${pct(cal.macroF1)}`);
  };
  const linear = rowLogits(ev, trainSoftmax(tr, 1 << cfg.bits, { ...DEFAULT_SGD, seed: 42 }));
  report('linear', linear);
  return { lexicon, train, evalSet, tr, ev, linear, report };
}

/** z_a + w * z_b for each mixing weight, reported as `${name}${w}`. */
export function reportMixes(x: Experiment, name: string, other: Float64Array, weights: readonly number[]): void {
  for (const w of weights) {
    const z = new Float64Array(x.linear.length);
    for (let i = 0; i < z.length; i++) z[i] = x.linear[i]! + w * other[i]!;
    x.report(`${name}${w}`, z);
  }
}
