/** Loading the training/validation splits and optional feedback JSONL. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { latestCorrections } from '../../src/classify/feedback-agreement.js';
import { join } from 'node:path';
import { z } from 'zod';
import { SENTIMENT_LABELS } from '../../src/domain/types.js';
import { BRAND_SETS, brandPart, isGenericTest, type BrandPart } from './splits.js';

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

function readLabelled(textPath: string, labelPath: string, what: string): Example[] {
  const texts = readLines(textPath);
  const labels = readLines(labelPath);
  if (texts.length !== labels.length) throw new Error(`${what}: ${texts.length} texts but ${labels.length} labels`);
  return texts.map((text, i) => {
    const label = Number(labels[i]);
    if (label !== 0 && label !== 1 && label !== 2) throw new Error(`${what}: bad label on line ${i + 1}`);
    return { text, label, weight: 1 };
  });
}

/**
 * `<dir>/<split>_text.txt` + `<dir>/<split>_labels.txt`, optionally only the first `limit` rows. 'train' is the
 * training file without the frozen generic test rows (splits.ts); 'test' is those rows.
 */
export function loadSplit(dir: string, split: 'train' | 'val' | 'test', limit?: number): Example[] {
  const file = split === 'val' ? 'val' : 'train';
  let rows = readLabelled(join(dir, `${file}_text.txt`), join(dir, `${file}_labels.txt`), file);
  if (split !== 'val') rows = rows.filter((r) => isGenericTest(r.text) === (split === 'test'));
  return limit === undefined ? rows : rows.slice(0, limit);
}

/** One part of the in-domain brand sets (<dir>/extra/<set>/text.txt + labels.txt), in set order. */
export function loadBrand(dir: string, part: BrandPart, sets: readonly string[] = BRAND_SETS): (Example & { set: string })[] {
  return sets.flatMap((set) =>
    readLabelled(join(dir, 'extra', set, 'text.txt'), join(dir, 'extra', set, 'labels.txt'), set)
      .filter((r) => brandPart(r.text) === part)
      .map((r) => ({ ...r, set })),
  );
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
