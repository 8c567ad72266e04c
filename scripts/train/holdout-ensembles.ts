/**
 * Ensemble experiments (negative result, kept for reproducibility): the shipped
 * linear model vs. the same plus a fastText-style embedding model (embed.ts) or
 * NB-SVM (nbsvm.ts), combined as z_lin + a * z_other. Offsets are tuned on the
 * evaluation set itself, so compare candidates with each other, not with the docs.
 *   --mode hold (default): train on the first 42,400 training tweets, evaluate on the last 5,000
 *   --mode val: train on all training tweets, evaluate on the validation split (once per family)
 *   --grid '[{"hidden":32,"epochs":2,"lr":0.05}]'  embedding-model settings (EmbedParams)
 *   --nb '[{"beta":0.25}]'                         NB-SVM settings (NbsvmParams)
 *   env MIX=0.2,0.5,1  mixing weights; env FTFEAT='{"charMin":99}' feature config of the embedding model
 */
import { parseArgs } from 'node:util';
import { DEFAULT_FEATURE_CONFIG } from '../../src/classify/local/features.js';
import { featurize } from './featurize.js';
import { reportMixes, setUpExperiment } from './experiment.js';
import { nbsvmRowLogits, trainNbsvm, type NbsvmParams } from './nbsvm.js';
import { embedRowLogits, trainEmbed, type EmbedParams } from './embed.js';

const { values } = parseArgs({ options: { data: { type: 'string', default: '../shared/data/sentiment' }, grid: { type: 'string', default: '[]' }, nb: { type: 'string', default: '[]' }, mode: { type: 'string', default: 'hold' } } });
const x = setUpExperiment(values.data, values.mode);
const { lexicon, train, evalSet, tr, ev } = x;
const cfg = DEFAULT_FEATURE_CONFIG;
const rep = x.report;
const grid = JSON.parse(values.grid) as Partial<EmbedParams>[];
for (const g of grid) {
  const t = performance.now();
  const p: EmbedParams = { bits: 16, dim: 32, hidden: 0, epochs: 5, lr: 0.1, classWeights: [2, 1, 1.1], seed: 42, ...g };
  const fcfg = { ...cfg, ...JSON.parse(process.env.FTFEAT ?? '{}') };
  const m = trainEmbed(featurize(train, fcfg, lexicon), p);
  const ft = embedRowLogits(featurize(evalSet, fcfg, lexicon), m);
  console.log(`${JSON.stringify(g)} ${((performance.now() - t) / 1000).toFixed(1)}s`);
  rep('  ft', ft);
  reportMixes(x, '  lin+ft*', ft, (process.env.MIX ?? '0.5,1,2').split(',').map(Number));
}

for (const g of JSON.parse(values.nb) as Partial<NbsvmParams>[]) {
  const t = performance.now();
  const p: NbsvmParams = { bits: 18, alpha: 1, beta: 0.25, epochs: 3, lr: 0.05, l2: 1e-6, classWeights: [2, 1, 1.1], seed: 42, ...g };
  const nb = nbsvmRowLogits(ev, trainNbsvm(tr, p));
  console.log(`nbsvm ${JSON.stringify(g)} ${((performance.now() - t) / 1000).toFixed(1)}s`);
  rep('  nb', nb);
  reportMixes(x, '  lin+nb*', nb, (process.env.MIX ?? '0.25,0.5,1').split(',').map(Number));
}
