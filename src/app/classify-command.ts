import { text as readStdin } from 'node:stream/consumers';
import { z } from 'zod';
import type { Logger } from '../shared/logger.js';
import { loadConfig } from '../config/load.js';
import { buildClassifiers } from './build-classify.js';

/**
 * `classify` lives apart from the other offline commands: it needs the config and the classifiers only, not the
 * store, the sources or the chat adapters (discord.js alone costs ~0.3 s at start-up), so it starts in a fraction of
 * a second.
 */
export interface ClassifyCommandOptions {
  configDir: string;
  logger: Logger;
  /** the process environment, read once by the entry point (config/ validates what it needs) */
  env: Record<string, string | undefined>;
  batchSize: number;
}

const classifyLine = z.object({ id: z.union([z.string(), z.number()]).optional(), text: z.string() });

/** `classify`: stdin (JSONL with "text", or plain lines) -> JSONL with label, confidence, scores and classifier. */
export async function runClassify(o: ClassifyCommandOptions): Promise<number> {
  const config = loadConfig(o.configDir, { env: o.env, demoUrl: 'http://127.0.0.1:9' });
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
    const rows: string[] = [];
    batch.forEach((b, j) => {
      const s = res[j];
      if (s) rows.push(JSON.stringify({ ...(b.id !== undefined ? { id: b.id } : {}), text: b.text, label: s.label, confidence: Math.round(s.confidence * 1e4) / 1e4, scores: s.scores, classifier: s.classifier, ...(s.language ? { language: s.language } : {}), ...(s.unsupportedLanguage ? { unsupportedLanguage: true } : {}) }));
    });
    // one write per batch, not per line
    if (rows.length > 0) process.stdout.write(`${rows.join('\n')}\n`);
  }
  shutdown();
  return 0;
}

