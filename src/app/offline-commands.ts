import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../shared/logger.js';
import type { RawItem } from '../domain/types.js';
import type { MentionSource } from '../sources/source.js';
import { parseFeed } from '../sources/rss/index.js';
import { createConsoleSink } from '../chat/console/console-sink.js';
import { latestCorrections } from '../classify/feedback-agreement.js';
import { buildApp } from './build.js';

interface Dirs {
  configDir: string;
  dataDir: string;
  logger: Logger;
}
const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);

const replayLine = z.object({
  title: z.string().default(''),
  text: z.string().default(''),
  publishedAt: z.string().optional(),
  timestamp: z.union([z.string(), z.number()]).optional(),
  link: z.string().optional(),
  url: z.string().optional(),
  guid: z.string().optional(),
  id: z.string().optional(),
  author: z.string().optional(),
  site: z.string().optional(),
  score: z.number().optional(),
  comments: z.number().optional(),
});

function isoOf(v: string | number | undefined): string | undefined {
  if (v === undefined) return undefined;
  const ms = typeof v === 'number' ? (v < 1e12 ? v * 1000 : v) : Date.parse(v);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** Items of a feed file or a JSONL file, oldest first; items without a valid time are reported and skipped. */
export async function readReplayItems(file: string, logger: Logger): Promise<RawItem[]> {
  const raw = readFileSync(file, 'utf8');
  const sourceId = `replay:${basename(file)}`;
  let items: RawItem[];
  if (raw.trimStart().startsWith('<')) {
    const feed = await parseFeed(raw, `file://${file}`);
    items = feed.items.map((i) => ({ ...i, sourceId, sourceKind: 'rss' as const }));
  } else {
    items = [];
    raw.split(/\r?\n/).forEach((line, n) => {
      if (!line.trim()) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        logger.warn({ line: n + 1 }, 'Replay: line is not JSON, skipped');
        return;
      }
      const r = replayLine.safeParse(parsed);
      if (!r.success) return void logger.warn({ line: n + 1, issues: r.error.issues.map((i) => i.message) }, 'Replay: bad line, skipped');
      const d = r.data;
      items.push({ sourceId, sourceKind: 'rss', guid: d.guid ?? d.id, link: d.link ?? d.url, title: d.title, text: d.text, author: d.author, site: d.site, publishedAt: isoOf(d.publishedAt ?? d.timestamp), reach: { score: d.score, comments: d.comments } });
    });
  }
  const timed = items.filter((i) => i.publishedAt);
  if (timed.length < items.length) logger.warn({ skipped: items.length - timed.length }, 'Replay: items without a valid timestamp skipped');
  return timed.sort((a, b) => Date.parse(a.publishedAt ?? '') - Date.parse(b.publishedAt ?? ''));
}

/** A source that reveals replayed items up to the simulated `now`. */
function replaySource(items: RawItem[], id: string): MentionSource {
  let next = 0;
  return {
    id,
    kind: 'rss',
    intervalSeconds: 1,
    describe: `replay of ${id}`,
    poll: ({ now }) => {
      const batch: RawItem[] = [];
      while (next < items.length && Date.parse(items[next]?.publishedAt ?? '') <= now.getTime()) batch.push(items[next++] as RawItem);
      return Promise.resolve({ items: batch, state: { replayed: next } });
    },
  };
}

/** `replay <file>`: ingest on event time in simulated cycles; alerts are printed (stdout) as they would have fired. */
export async function runReplay(o: Dirs & { file: string; stepMinutes: number; json: boolean }): Promise<number> {
  const items = await readReplayItems(o.file, o.logger);
  if (items.length === 0) {
    process.stderr.write('replay: no items with a valid timestamp\n');
    return 2;
  }
  const source = replaySource(items, `replay:${basename(o.file)}`);
  const sink = createConsoleSink({ json: o.json });
  const app = await buildApp({ configDir: o.configDir, dataDir: o.dataDir, env: process.env, logger: o.logger, sink, demo: false, sources: [source], silentFirstPoll: false });
  try {
    const step = Math.max(1, o.stepMinutes) * 60_000;
    const first = Date.parse(items[0]?.publishedAt ?? '');
    const last = Date.parse(items[items.length - 1]?.publishedAt ?? '');
    let mentions = 0;
    // simulated cycles every `step` on event time; stretches with no items are skipped (nothing new to evaluate)
    let i = 0;
    for (let t = first; t < last + step; ) {
      const r = await app.tick(new Date(t));
      mentions += r.mentions;
      while (i < items.length && Date.parse(items[i]?.publishedAt ?? '') <= t) i++;
      const nextItem = i < items.length ? Date.parse(items[i]?.publishedAt ?? '') : Infinity;
      t = Math.max(t + step, Number.isFinite(nextItem) ? first + Math.ceil((nextItem - first) / step) * step : t + step);
    }
    o.logger.info({ items: items.length, mentions, metrics: app.metrics }, 'Replay done');
    return 0;
  } finally {
    await app.close();
  }
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
