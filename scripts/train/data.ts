/** Loading the training/validation splits and optional feedback JSONL. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { latestCorrections } from '../../src/classify/feedback-agreement.js';
import { join } from 'node:path';
import { z } from 'zod';
import { SENTIMENT_LABELS } from '../../src/domain/types.js';

export interface Example {
  text: string;
  /** 0 negative, 1 neutral, 2 positive */
  label: number;
  weight: number;
}

function readLines(path: string): string[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** `<dir>/<split>_text.txt` + `<dir>/<split>_labels.txt`, optionally only the first `limit` lines. */
export function loadSplit(dir: string, split: 'train' | 'val', limit?: number): Example[] {
  const texts = readLines(join(dir, `${split}_text.txt`));
  const labels = readLines(join(dir, `${split}_labels.txt`));
  if (texts.length !== labels.length) throw new Error(`${split}: ${texts.length} texts but ${labels.length} labels`);
  const n = limit === undefined ? texts.length : Math.min(limit, texts.length);
  const out: Example[] = [];
  for (let i = 0; i < n; i++) {
    const label = Number(labels[i]);
    if (label !== 0 && label !== 1 && label !== 2) throw new Error(`${split}: bad label on line ${i + 1}`);
    out.push({ text: texts[i]!, label, weight: 1 });
  }
  return out;
}

const feedbackLine = z.object({ text: z.string().min(1), label: z.enum(['negative', 'neutral', 'positive']) });

/** JSONL of human corrections {text, label}; each one counts `weight` times a tweet. */
/**
 * Corrections to fold into training: a JSONL file of {text, label} (`npm run cli -- feedback export`), or a data
 * directory, whose store file feedback.json is read directly (one correction per person per mention, the latest).
 */
const storedFeedback = z.object({
  records: z.array(z.object({ mentionKey: z.string(), by: z.string(), at: z.string(), text: z.string(), label: z.enum(['negative', 'neutral', 'positive']) }).passthrough()),
});

export function loadFeedback(path: string, weight: number): Example[] {
  if (statSync(path).isDirectory()) {
    const file = join(path, 'feedback.json');
    if (!existsSync(file)) return [];
    const doc = storedFeedback.parse(JSON.parse(readFileSync(file, 'utf8')));
    return latestCorrections(doc.records).map((r) => ({ text: r.text, label: SENTIMENT_LABELS.indexOf(r.label), weight }));
  }
  return readLines(path)
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const parsed = feedbackLine.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`feedback line ${i + 1}: ${parsed.error.message}`);
      return { text: parsed.data.text, label: SENTIMENT_LABELS.indexOf(parsed.data.label), weight };
    });
}
