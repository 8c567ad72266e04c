import { readFileSync } from 'node:fs';
import { text as readStdin } from 'node:stream/consumers';
import { z } from 'zod';
import type { Logger } from '../shared/logger.js';
import { loadConfig } from '../config/load.js';
import { buildClassifiers } from './build-classify.js';
import { latestCorrections } from '../classify/feedback-agreement.js';
import { buildApp } from './build.js';

export { readReplayItems, runReplay } from './replay.js';

export interface Dirs {
  configDir: string;
  dataDir: string;
  logger: Logger;
}
const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);

const classifyLine = z.object({ id: z.union([z.string(), z.number()]).optional(), text: z.string() });

/** `classify`: stdin (JSONL with "text", or plain lines) -> JSONL with label, confidence, scores and classifier. */
export async function runClassify(o: Dirs & { batchSize: number }): Promise<number> {
  const config = loadConfig(o.configDir, { env: process.env, demoUrl: 'http://127.0.0.1:9' });
  const { classifier, shutdown } = await buildClassifiers(config, o.logger);
  const lines = (await readStdin(process.stdin)).split(/\r?\n/).filter((l) => l.trim() !== '');
  const inputs = lines.map((l) => {
    if (l.trimStart().startsWith('{')) {
      try {
        const p = classifyLine.safeParse(JSON.parse(l));
        if (p.success) return p.data;
      } catch {
        /* not JSON: a plain line */
      }
    }
    return { id: undefined, text: l };
  });
  for (let i = 0; i < inputs.length; i += o.batchSize) {
    const batch = inputs.slice(i, i + o.batchSize);
    const res = await classifier.classify(batch.map((b) => b.text));
    batch.forEach((b, j) => {
      const s = res[j];
      if (s) out(JSON.stringify({ ...(b.id !== undefined ? { id: b.id } : {}), text: b.text, label: s.label, confidence: Math.round(s.confidence * 1e4) / 1e4, scores: s.scores, classifier: s.classifier, ...(s.language ? { language: s.language } : {}), ...(s.unsupportedLanguage ? { unsupportedLanguage: true } : {}) }));
    });
  }
  shutdown();
  return 0;
}

const feedbackLine = z.object({ mentionKey: z.string().optional(), text: z.string().min(1), label: z.enum(['negative', 'neutral', 'positive']), by: z.string().default('import') });

/** `feedback import <file>`: corrections (JSONL) stored as labels, with what the classifier in use had said. */
export async function runFeedbackImport(o: Dirs & { file: string }): Promise<number> {
  const rows = readFileSync(o.file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
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
  const app = await buildApp({ configDir: o.configDir, dataDir: o.dataDir, env: process.env, logger: o.logger, demo: false, sources: [] });
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
  const app = await buildApp({ configDir: o.configDir, dataDir: o.dataDir, env: process.env, logger: o.logger, demo: false, sources: [] });
  try {
    const rows = latestCorrections(await app.store.feedback());
    for (const r of rows) out(JSON.stringify({ text: r.text, label: r.label, predicted: r.predicted, classifier: r.classifier, at: r.at }));
    o.logger.info({ rows: rows.length }, 'Feedback exported');
    return 0;
  } finally {
    await app.close();
  }
}
