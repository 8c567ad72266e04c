/**
 * Benchmark of the shipped offline sentiment model on the TweetEval validation
 * split (../shared/data/sentiment, outside the repo), against VADER (+/-0.05).
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vader from 'vader-sentiment';
import { DEFAULT_MODEL_PATH, loadLocalClassifier } from '../src/classify/local/index.js';
import { SENTIMENT_LABELS } from '../src/domain/types.js';
import { evaluate } from '../scripts/train/metrics.js';

export interface ClassifyBenchResult {
  macroRecall: number;
  accuracy: number;
  macroF1: number;
  negRecall: number;
  textsPerSec: number;
  vaderTextsPerSec: number;
  vaderMacroRecall: number;
  modelBytes: number;
  loadMs: number;
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
  clf.classifySync(texts.slice(0, 200)); // warm-up
  const rounds = 5;
  const t1 = process.cpuUsage();
  let out = clf.classifySync(texts);
  for (let r = 1; r < rounds; r++) out = clf.classifySync(texts);
  const textsPerSec = (texts.length * rounds) / cpuSeconds(t1);
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
    vaderTextsPerSec,
    vaderMacroRecall: evaluate(vaderPred, labels).macroRecall,
    modelBytes: statSync(DEFAULT_MODEL_PATH).size,
    loadMs,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await benchClassify());
}
