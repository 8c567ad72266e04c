import { z } from 'zod';
import type { Logger } from '../shared/logger.js';
import { latestCorrections } from '../classify/feedback-agreement.js';
import { buildApp } from './build.js';
import { readInputFile } from './input-errors.js';

export interface Dirs {
  configDir: string;
  dataDir: string;
  logger: Logger;
  /** the process environment, read once by the entry point (config/ validates what it needs) */
  env: Record<string, string | undefined>;
}
const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);

const feedbackLine = z.object({ mentionKey: z.string().optional(), text: z.string().min(1), label: z.enum(['negative', 'neutral', 'positive']), by: z.string().default('import') });

/** `feedback import <file>`: corrections (JSONL) stored as labels, with what the classifier in use had said. */
export async function runFeedbackImport(o: Dirs & { file: string }): Promise<number> {
  const rows = readInputFile('feedback import', o.file).split(/\r?\n/).filter((l) => l.trim() !== '');
  const good: z.infer<typeof feedbackLine>[] = [];
  rows.forEach((l, n) => {
    try {
      const r = feedbackLine.safeParse(JSON.parse(l));
      if (r.success) good.push(r.data);
      else process.stderr.write(`${o.file}:${n + 1}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n`);
    } catch {
      process.stderr.write(`${o.file}:${n + 1}: not JSON\n`);
    }
  });
  const app = await buildApp({ configDir: o.configDir, dataDir: o.dataDir, env: o.env, logger: o.logger, demo: false, sources: [] });
  try {
    const predicted = await app.classifier.classify(good.map((g) => g.text));
    const now = new Date().toISOString();
    await app.store.addFeedback(good.map((g, i) => ({ mentionKey: g.mentionKey ?? `import:${i}`, text: g.text, label: g.label, predicted: predicted[i]?.label ?? 'neutral', classifier: predicted[i]?.classifier ?? app.classifier.name, by: g.by, at: now })));
    out(JSON.stringify({ imported: good.length, rejected: rows.length - good.length }));
    return good.length === rows.length ? 0 : 1;
  } finally {
    await app.close();
  }
}

/** `feedback export`: stored corrections as JSONL {text, label} for `npm run train:sentiment -- --with-feedback <file>`. */
export async function runFeedbackExport(o: Dirs): Promise<number> {
  const app = await buildApp({ configDir: o.configDir, dataDir: o.dataDir, env: o.env, logger: o.logger, demo: false, sources: [] });
  try {
    const rows = latestCorrections(await app.store.feedback());
    for (const r of rows) out(JSON.stringify({ text: r.text, label: r.label, predicted: r.predicted, classifier: r.classifier, at: r.at }));
    o.logger.info({ rows: rows.length }, 'Feedback exported');
    return 0;
  } finally {
    await app.close();
  }
}

/**
 * `forget --author <handle or profile URL>`: the right to erasure. Deletes every stored mention of that author (matched
 * through the keyed pseudonym), logs the erasure with its time and count only, and prints one line with the count.
 */
export async function runForget(o: Dirs & { author: string }): Promise<number> {
  const app = await buildApp({ configDir: o.configDir, dataDir: o.dataDir, env: o.env, logger: o.logger, demo: false, sources: [] });
  try {
    const r = await app.api.forgetAuthor(o.author, new Date(), 'cli');
    if (!r.ok) {
      process.stderr.write(`forget: ${r.error.message}\n`);
      return 2;
    }
    out(`Deleted ${r.value.deleted} mention${r.value.deleted === 1 ? '' : 's'} of that author.`);
    return 0;
  } finally {
    await app.close();
  }
}
