import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classifierFromBytes } from '../../../src/classify/local/index.js';
import { trainModel } from '../../../scripts/train/pipeline.js';

const dataDir = fileURLToPath(new URL('../../../../shared/data/sentiment', import.meta.url));
const hasData = existsSync(`${dataDir}/train_text.txt`);

describe.skipIf(!hasData)('training reproducibility (2,000 train lines)', () => {
  const opts = { dataDir, seed: 7, trainLimit: 2000, valLimit: 500, features: { bits: 16 }, sgd: { epochs: 2 } };
  // the model trained with `opts` is needed by both tests: trained once for the file (a training is the slow part)
  let shared: ReturnType<typeof trainModel> | undefined;
  const baseModel = (): ReturnType<typeof trainModel> => (shared ??= trainModel(opts));

  it('same seed -> identical model bytes and predictions; other seed -> different bytes', () => {
    const a = baseModel();
    const b = trainModel(opts);
    expect(Buffer.compare(a.bytes, b.bytes)).toBe(0);
    const c = trainModel({ ...opts, seed: 8 });
    expect(Buffer.compare(a.bytes, c.bytes)).not.toBe(0);
    const texts = ['love it', 'hate it', 'the meeting is at noon'];
    expect(classifierFromBytes(a.bytes).classifySync(texts)).toEqual(classifierFromBytes(b.bytes).classifySync(texts));
    expect(a.calibrated.macroRecall).toBeGreaterThan(0.45);
  });

  it('folds --with-feedback corrections into training, upweighted', () => {
    const text = 'the zorblax update landed on my phone today';
    const dir = mkdtempSync(join(tmpdir(), 'feedback-'));
    const file = join(dir, 'feedback.jsonl');
    const line = JSON.stringify({ text, label: 'negative' });
    writeFileSync(file, `${line}\n${line}\n${line}\n`);
    const base = baseModel();
    const fed = trainModel({ ...opts, feedbackPath: file, feedbackWeight: 5 });
    expect(fed.feedbackExamples).toBe(3);
    const before = classifierFromBytes(base.bytes).classifySync([text])[0]!;
    const after = classifierFromBytes(fed.bytes).classifySync([text])[0]!;
    expect(after.scores.negative).toBeGreaterThan(before.scores.negative + 0.1);
    expect(after.label).toBe('negative');
  });
});
