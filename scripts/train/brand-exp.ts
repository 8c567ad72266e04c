/**
 * Brand-complaint experiments (issue 10 item 2). Candidates are compared on the validation split and on the brand
 * TUNING split only; the negative bias of each is chosen on the brand tuning split. The frozen test splits are read
 * only with --final, for the candidates named there, once the choice is made.
 *   npx tsx scripts/train/brand-exp.ts [--grid '[{"brandWeight":2}]'] [--final]
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { classifierFromBytes } from '../../src/classify/local/index.js';
import { SENTIMENT_LABELS } from '../../src/domain/types.js';
import { loadBrand, loadSplit, type Example } from './data.js';
import { calibration, evaluate } from './metrics.js';
import { trainModel } from './pipeline.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/sentiment' },
    grid: { type: 'string', default: '[{"brandWeight":0},{"brandWeight":1},{"brandWeight":2},{"brandWeight":3}]' },
    final: { type: 'boolean', default: false },
  },
});

const candidate = z.object({ brandWeight: z.number().min(0).default(0), negWeight: z.number().positive().optional(), epochs: z.number().int().positive().optional() });
const grid = z.array(candidate).parse(JSON.parse(values.grid));

/** The run-time decision rule: negative wins when its probability is within `bias` of the top one. */
export function decide(p: readonly number[], bias: number): number {
  let best = 0;
  for (let k = 1; k < 3; k++) if (p[k]! > p[best]!) best = k;
  return best !== 0 && p[0]! + bias >= p[best]! ? 0 : best;
}

type Probs = number[][];

function score(probs: Probs, rows: Example[], bias: number): { macro: number; neg: number; ece: number } {
  const predicted = probs.map((p) => decide(p, bias));
  const labels = rows.map((r) => r.label);
  const m = evaluate(predicted, labels);
  return { macro: m.macroRecall, neg: m.recall[0]!, ece: calibration(probs.flat(), predicted, labels).ece };
}

const val = loadSplit(values.data, 'val');
const tune = loadBrand(values.data, 'tune');
const tests = values.final ? { generic: loadSplit(values.data, 'test'), brand: loadBrand(values.data, 'test') } : undefined;
const f = (x: number): string => x.toFixed(3);

for (const c of grid) {
  const r = trainModel({
    dataDir: values.data,
    seed: 42,
    brandWeight: c.brandWeight,
    sgd: { ...(c.negWeight ? { classWeights: [c.negWeight, 1, 1.1] } : {}), ...(c.epochs ? { epochs: c.epochs } : {}) },
  });
  const clf = classifierFromBytes(r.bytes);
  const probsOf = (rows: Example[]): Probs => clf.classifySync(rows.map((x) => x.text)).map((s) => SENTIMENT_LABELS.map((l) => s.scores[l]));
  const pv = probsOf(val);
  const pt = probsOf(tune);
  // the bias that maximises brand-tuning macro recall (ties: the smaller)
  let bias = 0;
  let best = score(pt, tune, 0).macro;
  for (let b = 0.025; b <= 0.401; b += 0.025) {
    const s = score(pt, tune, b).macro;
    if (s > best + 1e-9) {
      best = s;
      bias = Math.round(b * 1000) / 1000;
    }
  }
  const v0 = score(pv, val, 0);
  const vb = score(pv, val, bias);
  const t0 = score(pt, tune, 0);
  const tb = score(pt, tune, bias);
  console.log(
    `${JSON.stringify(c)} offsets ${JSON.stringify(r.model.bias)} T ${r.model.temperature} | val macro ${f(v0.macro)} neg ${f(v0.neg)} ece ${f(v0.ece)} | ` +
      `brand-tune macro ${f(t0.macro)} neg ${f(t0.neg)} ece ${f(t0.ece)} | negativeBias ${bias}: val ${f(vb.macro)}/${f(vb.neg)} brand-tune ${f(tb.macro)}/${f(tb.neg)}`,
  );
  if (tests) {
    for (const [name, rows] of Object.entries(tests)) {
      const p = probsOf(rows);
      const a = score(p, rows, 0);
      const b = score(p, rows, bias);
      console.log(`    FINAL ${name} test: bias 0 macro ${f(a.macro)} neg ${f(a.neg)} ece ${f(a.ece)} | bias ${bias} macro ${f(b.macro)} neg ${f(b.neg)} ece ${f(b.ece)}`);
    }
  }
}
