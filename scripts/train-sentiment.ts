/**
 * Train the offline English sentiment model.
 *   npm run train:sentiment -- --data <dir> [--seed N] [--out models/sentiment-en.bin] [--with-feedback [jsonl|data dir]]
 * --with-feedback alone reads the corrections stored by the bot in ./data (chat's Wrong sentiment button, imports).
 * Extra knobs (tuning on val): --epochs --lr --l2 --bits --limit --neg-weight
 * --brand-weight W adds the brand training rows (scripts/train/splits.ts), each counting W times a tweet.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { trainModel } from './train/pipeline.js';
import { formatReport } from './train/report.js';

// `--with-feedback` without a value means the bot's own data directory
const argv = process.argv.slice(2);
const wf = argv.indexOf('--with-feedback');
if (wf >= 0 && (wf === argv.length - 1 || argv[wf + 1]?.startsWith('--'))) argv.splice(wf + 1, 0, 'data');

const { values } = parseArgs({
  args: argv,
  options: {
    data: { type: 'string', default: '../shared/data/sentiment' },
    seed: { type: 'string', default: '42' },
    out: { type: 'string', default: 'models/sentiment-en.bin' },
    'with-feedback': { type: 'string' },
    epochs: { type: 'string' },
    lr: { type: 'string' },
    l2: { type: 'string' },
    bits: { type: 'string' },
    limit: { type: 'string' },
    'neg-weight': { type: 'string' },
    'brand-weight': { type: 'string' },
    'char-weight': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});

const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));
const started = performance.now();
const negWeight = num(values['neg-weight']);
const result = trainModel({
  dataDir: values.data,
  seed: Number(values.seed),
  trainLimit: num(values.limit),
  feedbackPath: values['with-feedback'],
  brandWeight: num(values['brand-weight']),
  features: {
    ...(values.bits ? { bits: Number(values.bits) } : {}),
    ...(values['char-weight'] ? { charWeight: Number(values['char-weight']) } : {}),
  },
  sgd: {
    ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
    ...(values.lr ? { lr: Number(values.lr) } : {}),
    ...(values.l2 ? { l2: Number(values.l2) } : {}),
    ...(negWeight !== undefined ? { classWeights: [negWeight, 1, 1.1] } : {}),
  },
});
const seconds = (performance.now() - started) / 1000;
console.log(formatReport(result, seconds));
if (!values['dry-run']) {
  writeFileSync(values.out, result.bytes);
  console.log(`wrote ${values.out}`);
}
