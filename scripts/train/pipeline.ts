/** Whole training run as a function (the CLI and the reproducibility test both call it). */
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from '../../src/classify/local/features.js';
import type { LinearModel } from '../../src/classify/local/model.js';
import { encodeModel } from '../../src/classify/local/model-file.js';
import { tuneBias, tuneTemperature } from './calibrate.js';
import { loadBrand, loadFeedback, loadSplit, type Example } from './data.js';
import { featurize } from './featurize.js';
import { evaluate, predictLogits, type Metrics } from './metrics.js';
import { rowLogits, trainSoftmax, type SgdParams } from './sgd.js';
import { loadLexicon } from './lexicon.js';

export const MODEL_VERSION = '1';

export interface TrainOptions {
  dataDir: string;
  seed: number;
  trainLimit?: number;
  /** only the first N validation lines (tests) */
  valLimit?: number;
  feedbackPath?: string;
  feedbackWeight?: number;
  /** weight of each in-domain brand training row (loadBrand(dir, 'train'); splits.ts); 0 or unset: none */
  brandWeight?: number;
  features?: Partial<FeatureConfig>;
  sgd?: Partial<Omit<SgdParams, 'seed'>>;
}

export interface TrainResult {
  bytes: Buffer;
  model: LinearModel;
  raw: Metrics;
  calibrated: Metrics;
  trainExamples: number;
  feedbackExamples: number;
}

export const DEFAULT_SGD: Omit<SgdParams, 'seed'> = { epochs: 4, lr: 0.05, l2: 1e-6, classWeights: [2, 1, 1.1] };

export function trainModel(opts: TrainOptions): TrainResult {
  const cfg: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, ...opts.features };
  const sgd: SgdParams = { ...DEFAULT_SGD, ...opts.sgd, seed: opts.seed };
  const lexicon = loadLexicon();
  const train: Example[] = loadSplit(opts.dataDir, 'train', opts.trainLimit);
  const feedback = opts.feedbackPath ? loadFeedback(opts.feedbackPath, opts.feedbackWeight ?? 3) : [];
  const brand = opts.brandWeight ? loadBrand(opts.dataDir, 'train').map((r) => ({ text: r.text, label: r.label, weight: opts.brandWeight! })) : [];
  const val = loadSplit(opts.dataDir, 'val', opts.valLimit);
  const trainRows = featurize([...train, ...brand, ...feedback], cfg, lexicon);
  const valRows = featurize(val, cfg, lexicon);
  const weights = trainSoftmax(trainRows, 1 << cfg.bits, sgd);
  const logits = rowLogits(valRows, weights);
  const raw = evaluate(predictLogits(logits, [0, 0, 0]), valRows.labels);
  const bias = tuneBias(logits, valRows.labels);
  const temperature = tuneTemperature(logits, valRows.labels, bias);
  const calibrated = evaluate(predictLogits(logits, bias), valRows.labels);
  const model: LinearModel = {
    features: cfg,
    weights,
    bias: bias.map((b) => Math.round(b * 1000) / 1000) as [number, number, number],
    temperature,
    lexicon,
    meta: {
      version: MODEL_VERSION,
      seed: opts.seed,
      trainExamples: train.length + brand.length,
      feedbackExamples: feedback.length,
      ...(brand.length > 0 ? { brandExamples: brand.length } : {}),
      validation: {
        macroRecall: round4(calibrated.macroRecall),
        accuracy: round4(calibrated.accuracy),
        macroF1: round4(calibrated.macroF1),
        negRecall: round4(calibrated.recall[0]!),
      },
    },
  };
  return { bytes: encodeModel(model), model, raw, calibrated, trainExamples: train.length + brand.length, feedbackExamples: feedback.length };
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
