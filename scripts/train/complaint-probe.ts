/**
 * Service-complaint probe (an illustration, not a benchmark: 12 complaint texts written alongside
 * domain-lexicon.tsv, plus 4 controls): labels of the shipped model, or of the model files given, side by side.
 *   npx tsx scripts/train/complaint-probe.ts [model.bin ...]
 *   e.g. the model before the lexicon: git show 239b300:models/sentiment-en.bin > /tmp/before.bin
 */
import { loadLocalClassifier } from '../../src/classify/local/index.js';

const COMPLAINTS = [
  'Nimbus is down for everyone? Cannot open any of my files #nimbus',
  'The app keeps crashing since the update',
  "Still can't log in to my account, third day now",
  'Been on hold with support for 2 hours',
  'My order never arrived and nobody answers emails',
  'Charged twice for the same subscription',
  'Outage again. Second time this week.',
  'Website not loading for me',
  'They cancelled my flight with no refund',
  'Data breach exposed customer passwords',
  'The new firmware is buggy and the app is unusable',
  'Overcharged again, want a refund',
];
const CONTROLS = ['Love the new update, so smooth', 'Nimbus announces quarterly results', 'Scheduled maintenance on Sunday from 2 to 4 am', 'Nimbus fixed the outage quickly, great support'];

const paths = process.argv.slice(2);
for (const modelPath of paths.length > 0 ? paths : [undefined]) {
  const clf = await loadLocalClassifier(modelPath ? { modelPath } : {});
  const out = await clf.classify([...COMPLAINTS, ...CONTROLS]);
  const neutral = out.slice(0, COMPLAINTS.length).filter((s) => s.label === 'neutral').length;
  console.log(`${modelPath ?? 'shipped model'}: ${neutral} of ${COMPLAINTS.length} complaints labelled neutral`);
  out.forEach((s, i) => console.log(`  ${s.label.padEnd(8)} ${s.confidence.toFixed(2)}  ${[...COMPLAINTS, ...CONTROLS][i]}`));
}
