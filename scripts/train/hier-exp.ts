/**
 * Experiment (negative result, kept for reproducibility): two-stage sentiment (subjectivity: polar vs neutral;
 * polarity: negative vs positive on polar tweets only) on the same features, alone and mixed with the flat 3-way
 * model. --mode hold|val, env MIX=0.5,1
 */
import { parseArgs } from 'node:util';
import { DEFAULT_FEATURE_CONFIG } from '../../src/classify/local/features.js';
import type { Rows } from './featurize.js';
import { rowLogits, trainSoftmax } from './sgd.js';
import { DEFAULT_SGD } from './pipeline.js';
import { reportMixes, setUpExperiment } from './experiment.js';

const { values } = parseArgs({ options: { data: { type: 'string', default: '../shared/data/sentiment' }, mode: { type: 'string', default: 'hold' }, sub: { type: 'string', default: '{}' }, pol: { type: 'string', default: '{}' } } });
const x = setUpExperiment(values.data, values.mode);
const { tr, ev, evalSet } = x;
const dim = 1 << DEFAULT_FEATURE_CONFIG.bits;
function subset(rows: Rows, keep: (y: number) => boolean, relabel: (y: number) => number): Rows {
  const ids: number[] = [];
  rows.labels.forEach((y, i) => keep(y) && ids.push(i));
  const offsets = new Int32Array(ids.length + 1);
  let total = 0;
  ids.forEach((i, k) => {
    total += rows.offsets[i + 1]! - rows.offsets[i]!;
    offsets[k + 1] = total;
  });
  const idx = new Int32Array(total);
  const val = new Float32Array(total);
  ids.forEach((i, k) => {
    idx.set(rows.idx.subarray(rows.offsets[i]!, rows.offsets[i + 1]!), offsets[k]);
    val.set(rows.val.subarray(rows.offsets[i]!, rows.offsets[i + 1]!), offsets[k]);
  });
  return { offsets, idx, val, labels: Int32Array.from(ids, (i) => relabel(rows.labels[i]!)), weights: Float32Array.from(ids, (i) => rows.weights[i]!) };
}
// subjectivity: class 0 = polar, class 1 = neutral
const sub = trainSoftmax(subset(tr, () => true, (y) => (y === 1 ? 1 : 0)), dim, { ...DEFAULT_SGD, classWeights: [1.3, 1, 1], seed: 42, ...JSON.parse(values.sub) });
// polarity: class 0 = negative, class 2 = positive
const pol = trainSoftmax(subset(tr, (y) => y !== 1, (y) => y), dim, { ...DEFAULT_SGD, classWeights: [1.6, 1, 1], seed: 42, ...JSON.parse(values.pol) });
const zs = rowLogits(ev, sub);
const zp = rowLogits(ev, pol);
const lse = (a: number, b: number): number => Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
const hier = new Float64Array(x.linear.length);
for (let i = 0; i < evalSet.length; i++) {
  const lpPolar = zs[i * 3]! - lse(zs[i * 3]!, zs[i * 3 + 1]!);
  const lpNeu = zs[i * 3 + 1]! - lse(zs[i * 3]!, zs[i * 3 + 1]!);
  const lpNeg = zp[i * 3]! - lse(zp[i * 3]!, zp[i * 3 + 2]!);
  const lpPos = zp[i * 3 + 2]! - lse(zp[i * 3]!, zp[i * 3 + 2]!);
  hier[i * 3] = lpPolar + lpNeg;
  hier[i * 3 + 1] = lpNeu;
  hier[i * 3 + 2] = lpPolar + lpPos;
}
x.report('hier', hier);
reportMixes(x, 'lin+hier*', hier, (process.env.MIX ?? '0.25,0.5,1,2').split(',').map(Number));
