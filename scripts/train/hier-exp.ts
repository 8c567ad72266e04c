/**
 * Experiment: two-stage sentiment (subjectivity: polar vs neutral; polarity: negative vs positive on polar tweets
 * only) on the same features, alone and mixed with the flat 3-way model. --mode hold|val, env MIX=0.5,1
 */
import { parseArgs } from 'node:util';
import { DEFAULT_FEATURE_CONFIG } from '../../src/classify/local/features.js';
import { tuneBias } from './calibrate.js';
import { loadSplit } from './data.js';
import { featurize, type Rows } from './featurize.js';
import { evaluate, predictLogits } from './metrics.js';
import { rowLogits, trainSoftmax } from './sgd.js';
import { DEFAULT_SGD } from './pipeline.js';
import { loadVaderLexicon } from './vader-lexicon.js';

const { values } = parseArgs({ options: { data: { type: 'string', default: '../shared/data/sentiment' }, mode: { type: 'string', default: 'hold' }, sub: { type: 'string', default: '{}' }, pol: { type: 'string', default: '{}' } } });
const lexicon = loadVaderLexicon();
const all = loadSplit(values.data, 'train');
const hold = values.mode === 'hold';
const train = hold ? all.slice(0, all.length - 5000) : all;
const evalSet = hold ? all.slice(all.length - 5000) : loadSplit(values.data, 'val');
const cfg = DEFAULT_FEATURE_CONFIG;
const dim = 1 << cfg.bits;
const tr = featurize(train, cfg, lexicon);
const ev = featurize(evalSet, cfg, lexicon);
const pct = (x: number): string => (x * 100).toFixed(1);
function rep(name: string, logits: Float64Array): void {
  const raw = evaluate(predictLogits(logits, [0, 0, 0]), ev.labels);
  const bias = tuneBias(logits, ev.labels);
  const cal = evaluate(predictLogits(logits, bias), ev.labels);
  console.log(`${name} raw ${pct(raw.macroRecall)} tuned ${pct(cal.macroRecall)} neg ${pct(cal.recall[0]!)} acc ${pct(cal.accuracy)} f1 ${pct(cal.macroF1)}`);
}
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
const lin = rowLogits(ev, trainSoftmax(tr, dim, { ...DEFAULT_SGD, seed: 42 }));
rep('linear', lin);
// subjectivity: class 0 = polar, class 1 = neutral
const sub = trainSoftmax(subset(tr, () => true, (y) => (y === 1 ? 1 : 0)), dim, { ...DEFAULT_SGD, classWeights: [1.3, 1, 1], seed: 42, ...JSON.parse(values.sub) });
// polarity: class 0 = negative, class 2 = positive
const pol = trainSoftmax(subset(tr, (y) => y !== 1, (y) => y), dim, { ...DEFAULT_SGD, classWeights: [1.6, 1, 1], seed: 42, ...JSON.parse(values.pol) });
const zs = rowLogits(ev, sub);
const zp = rowLogits(ev, pol);
const lse = (a: number, b: number): number => Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
const hier = new Float64Array(lin.length);
for (let i = 0; i < evalSet.length; i++) {
  const lpPolar = zs[i * 3]! - lse(zs[i * 3]!, zs[i * 3 + 1]!);
  const lpNeu = zs[i * 3 + 1]! - lse(zs[i * 3]!, zs[i * 3 + 1]!);
  const lpNeg = zp[i * 3]! - lse(zp[i * 3]!, zp[i * 3 + 2]!);
  const lpPos = zp[i * 3 + 2]! - lse(zp[i * 3]!, zp[i * 3 + 2]!);
  hier[i * 3] = lpPolar + lpNeg;
  hier[i * 3 + 1] = lpNeu;
  hier[i * 3 + 2] = lpPolar + lpPos;
}
rep('hier', hier);
for (const a of (process.env.MIX ?? '0.25,0.5,1,2').split(',').map(Number)) {
  const s = new Float64Array(lin.length);
  for (let i = 0; i < s.length; i++) s[i] = lin[i]! + a * hier[i]!;
  rep(`lin+${a}hier`, s);
}
