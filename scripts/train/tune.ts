/**
 * Hyper-parameter sweep on the validation split, or with --mode hold on the last 5,000 training tweets
 * (features extracted once per feature config).
 * Grid entries: f = feature config, s = SGD params, seeds = weight-averaged seeds, nb = naive-Bayes mix weights.
 *   npx tsx scripts/train/tune.ts --data ../shared/data/sentiment
 */
import { parseArgs } from 'node:util';
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from '../../src/classify/local/features.js';
import { tuneBias } from './calibrate.js';
import { loadSplit } from './data.js';
import { featurize } from './featurize.js';
import { evaluate, predictLogits } from './metrics.js';
import { mixWeights, trainNaiveBayes } from './nb.js';
import { rowLogits, trainSoftmax, type SgdParams } from './sgd.js';
import { DEFAULT_SGD } from './pipeline.js';
import { loadLexicon } from './lexicon.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/sentiment' },
    grid: { type: 'string', default: '[]' },
    mode: { type: 'string', default: 'val' },
  },
});
const lexicon = loadLexicon();
const all = loadSplit(values.data, 'train');
// --mode hold: train on the first 42,400 training tweets, score the last 5,000 (the later, harder years)
const hold = values.mode === 'hold';
const train = hold ? all.slice(0, all.length - 5000) : all;
const val = hold ? all.slice(all.length - 5000) : loadSplit(values.data, 'val');
const grid = JSON.parse(values.grid) as { f?: Partial<FeatureConfig>; s?: Partial<SgdParams>; seeds?: number; nb?: number[]; alpha?: number }[];
const cache = new Map<string, { tr: ReturnType<typeof featurize>; va: ReturnType<typeof featurize> }>();
for (const g of grid) {
  const cfg = { ...DEFAULT_FEATURE_CONFIG, ...g.f };
  const key = JSON.stringify(cfg);
  if (!cache.has(key)) cache.set(key, { tr: featurize(train, cfg, lexicon), va: featurize(val, cfg, lexicon) });
  const { tr, va } = cache.get(key)!;
  const dim = 1 << cfg.bits;
  let lr: Float32Array = new Float32Array(dim * 3);
  const seeds = g.seeds ?? 1;
  for (let k = 0; k < seeds; k++) lr = mixWeights(lr, trainSoftmax(tr, dim, { ...DEFAULT_SGD, seed: 42 + k, ...g.s }), 1 / seeds);
  const nbw = trainNaiveBayes(tr, dim, g.alpha ?? 0.1);
  for (const gamma of g.nb ?? [0]) {
    const w = mixWeights(lr, nbw, gamma);
    const logits = rowLogits(va, w);
    const raw = evaluate(predictLogits(logits, [0, 0, 0]), va.labels);
    const bias = tuneBias(logits, va.labels, 1.5, 0.1);
    const cal = evaluate(predictLogits(logits, bias), va.labels);
    const pct = (x: number): string => (x * 100).toFixed(1);
    console.log(`${JSON.stringify(g)} nb ${gamma} raw ${pct(raw.macroRecall)} tuned ${pct(cal.macroRecall)} neg ${pct(cal.recall[0]!)} acc ${pct(cal.accuracy)}`);
  }
}
