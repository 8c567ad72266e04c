/**
 * Benchmark of the shipped offline sentiment model on the TweetEval validation
 * split (../shared/data/sentiment, outside the repo), against VADER (+/-0.05).
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vader from 'vader-sentiment';
import { readFile } from 'node:fs/promises';
import { DEFAULT_MODEL_PATH, classifierFromBytes, loadLocalClassifier } from '../src/classify/local/index.js';
import { mulberry32 } from '../src/shared/prng.js';
import { SENTIMENT_LABELS } from '../src/domain/types.js';
import { evaluate } from '../scripts/train/metrics.js';
import { createLanguageDetector } from '../src/classify/language.js';
import { createLanguageRouter } from '../src/classify/routing.js';

export interface ClassifyBenchResult {
  macroRecall: number;
  accuracy: number;
  macroF1: number;
  negRecall: number;
  textsPerSec: number;
  /** the same texts through the language router (pre-check, eld for the rest), as the CLI and the pipeline classify */
  routerTextsPerSec: number;
  vaderTextsPerSec: number;
  vaderMacroRecall: number;
  modelBytes: number;
  loadMs: number;
}

export interface LongTextBenchRow {
  /** neutral training tweets appended to each validation tweet */
  appended: number;
  wholeMacroRecall: number;
  wholeNegRecall: number;
  chunkedMacroRecall: number;
  chunkedNegRecall: number;
  chunkedNeutralRecall: number;
  chunkedTextsPerSec: number;
}

const DATA_DIR = fileURLToPath(new URL('../../shared/data/sentiment', import.meta.url));

/** CPU seconds of this process since `start` (throughput on a shared machine is measured in CPU time, not wall time) */
function cpuSeconds(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1e6;
}

function lines(path: string): string[] {
  const l = readFileSync(path, 'utf8').split('\n');
  if (l.at(-1) === '') l.pop();
  return l;
}

export async function benchClassify(dataDir: string = DATA_DIR): Promise<ClassifyBenchResult> {
  const texts = lines(`${dataDir}/val_text.txt`);
  const labels = lines(`${dataDir}/val_labels.txt`).map(Number);
  const t0 = performance.now();
  const clf = await loadLocalClassifier();
  const loadMs = performance.now() - t0;
  const router = createLanguageRouter({ english: clf, detect: createLanguageDetector() });
  // warm-up: a full pass of each (JIT, and eld loaded by the router), so the rounds below measure steady state
  clf.classifySync(texts);
  await router.classify(texts);
  const rounds = 5;
  const t1 = process.cpuUsage();
  let out = clf.classifySync(texts);
  for (let r = 1; r < rounds; r++) out = clf.classifySync(texts);
  const textsPerSec = (texts.length * rounds) / cpuSeconds(t1);
  const tr = process.cpuUsage();
  for (let r = 0; r < rounds; r++) await router.classify(texts);
  const routerTextsPerSec = (texts.length * rounds) / cpuSeconds(tr);
  const m = evaluate(
    out.map((s) => SENTIMENT_LABELS.indexOf(s.label)),
    labels,
  );
  const t2 = process.cpuUsage();
  const vaderPred = texts.map((t) => {
    const c = vader.SentimentIntensityAnalyzer.polarity_scores(t).compound;
    return c >= 0.05 ? 2 : c <= -0.05 ? 0 : 1;
  });
  const vaderTextsPerSec = texts.length / cpuSeconds(t2);
  return {
    macroRecall: m.macroRecall,
    accuracy: m.accuracy,
    macroF1: m.macroF1,
    negRecall: m.recall[0]!,
    textsPerSec,
    routerTextsPerSec,
    vaderTextsPerSec,
    vaderMacroRecall: evaluate(vaderPred, labels).macroRecall,
    modelBytes: statSync(DEFAULT_MODEL_PATH).size,
    loadMs,
  };
}

/**
 * Long-text proxy (no labelled long texts exist here): each validation tweet keeps its label and is followed by
 * `appended` random neutral tweets from the training split, as a headline is followed by a neutral article body.
 * The shipped classifier scored whole vs. in chunks (src/classify/local/long-text.ts).
 */
export async function benchLongText(dataDir: string = DATA_DIR, appended: readonly number[] = [0, 2, 5, 10]): Promise<LongTextBenchRow[]> {
  const texts = lines(`${dataDir}/val_text.txt`);
  const labels = lines(`${dataDir}/val_labels.txt`).map(Number);
  const trainLabels = lines(`${dataDir}/train_labels.txt`);
  const neutral = lines(`${dataDir}/train_text.txt`).filter((_, i) => trainLabels[i] === '1');
  const bytes = await readFile(DEFAULT_MODEL_PATH);
  const chunked = classifierFromBytes(bytes);
  const whole = classifierFromBytes(bytes, 'whole');
  const rows: LongTextBenchRow[] = [];
  for (const k of appended) {
    const rand = mulberry32(1000 + k);
    const docs = texts.map((t) => [t, ...Array.from({ length: k }, () => neutral[Math.floor(rand() * neutral.length)]!)].join(' ').slice(0, 2000));
    const score = (out: { label: string }[]): ReturnType<typeof evaluate> => evaluate(out.map((s) => SENTIMENT_LABELS.indexOf(s.label as (typeof SENTIMENT_LABELS)[number])), labels);
    const w = score(whole.classifySync(docs));
    const t = process.cpuUsage();
    const c = score(chunked.classifySync(docs));
    const sec = cpuSeconds(t);
    rows.push({
      appended: k,
      wholeMacroRecall: w.macroRecall,
      wholeNegRecall: w.recall[0]!,
      chunkedMacroRecall: c.macroRecall,
      chunkedNegRecall: c.recall[0]!,
      chunkedNeutralRecall: c.recall[1]!,
      chunkedTextsPerSec: docs.length / sec,
    });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await benchClassify());
}
