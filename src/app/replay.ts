import { basename } from 'node:path';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Logger } from '../shared/logger.js';
import type { Alert, RawItem } from '../domain/types.js';
import type { MentionSource } from '../sources/source.js';
import type { ChatSink } from '../chat/sink.js';
import { parseFeed } from '../sources/rss/index.js';
import { createConsoleSink } from '../chat/console/console-sink.js';
import { MemoryStore } from '../store/memory/memory-store.js';
import { oriAt } from '../pipeline/ori.js';
import { buildApp } from './build.js';
import { ReplayInputError, readInputFile } from './input-errors.js';

const TIME_FIELDS = ['publishedAt', 'timestamp', 'published', 'date', 'created_at'] as const;
const time = z.union([z.string(), z.number()]).optional();
const replayLine = z.object({
  title: z.string().default(''),
  text: z.string().default(''),
  publishedAt: time,
  timestamp: time,
  published: time,
  date: time,
  created_at: time,
  link: z.string().optional(),
  url: z.string().optional(),
  guid: z.string().optional(),
  id: z.union([z.string(), z.number()]).optional(),
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
  const raw = readInputFile('replay', file);
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
      const at = TIME_FIELDS.map((f) => isoOf(d[f])).find((x) => x !== undefined);
      const id = d.guid ?? (d.id === undefined ? undefined : String(d.id));
      items.push({ sourceId, sourceKind: 'rss', guid: id, link: d.link ?? d.url, title: d.title, text: d.text, author: d.author, site: d.site, publishedAt: at, reach: { score: d.score, comments: d.comments } });
    });
  }
  const timed = items.filter((i) => i.publishedAt);
  if (timed.length === 0 && items.length > 0) throw new ReplayInputError(`no item of ${file} has a time that parses; looked for the fields ${TIME_FIELDS.join(', ')}`);
  if (timed.length < items.length) logger.warn({ skipped: items.length - timed.length, fields: TIME_FIELDS }, 'Replay: items without a valid time skipped');
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

/** Counts what the sink was given, per kind, rule, brand and local day: the replay report's table. */
function countingSink(inner: ChatSink, zone: string): { sink: ChatSink; rows: Map<string, number> } {
  const rows = new Map<string, number>();
  const count = (kind: string, a: Alert): void => {
    const day = DateTime.fromISO(a.createdAt, { zone }).toISODate() ?? '';
    const k = [day, a.brand, kind === 'update' ? `${a.update?.kind ?? 'update'}` : a.rule].join('\t');
    rows.set(k, (rows.get(k) ?? 0) + 1);
  };
  const sink: ChatSink = {
    ...inner,
    sendAlert: (a, id) => (count('alert', a), inner.sendAlert(a, id)),
    sendUpdate: (a, root, id) => (count('update', a), inner.sendUpdate(a, root, id)),
  };
  return { sink, rows };
}

export interface ReplayOptions {
  configDir: string;
  dataDir: string;
  logger: Logger;
  /** the process environment, read once by the entry point (config/ validates what it needs) */
  env: Record<string, string | undefined>;
  file: string;
  stepMinutes: number;
  json: boolean;
  /** keep the replay in memory (default when no --data was given): nothing is written */
  inMemory: boolean;
  /** where lines go (default stdout) */
  write?: (line: string) => void;
}

/**
 * `replay <file>`: ingest on event time in simulated cycles; what would have been posted is printed as it would have
 * been posted (console sink, text or JSON lines), then a summary: per brand mentions, sentiment, NSS and ORI at the end.
 */
export async function runReplay(o: ReplayOptions): Promise<number> {
  const write = o.write ?? ((s: string) => void process.stdout.write(s));
  const items = await readReplayItems(o.file, o.logger);
  if (items.length === 0) throw new ReplayInputError(`${o.file} holds no items`);
  const first = Date.parse(items[0]?.publishedAt ?? '');
  const last = Date.parse(items[items.length - 1]?.publishedAt ?? '');
  let simNow = first;
  const store = o.inMemory ? new MemoryStore(() => new Date(simNow)) : undefined;
  const source = replaySource(items, `replay:${basename(o.file)}`);
  const app0 = { json: o.json, write };
  const counted = countingSink(createConsoleSink(app0), 'UTC');
  const app = await buildApp({ configDir: o.configDir, dataDir: o.dataDir, env: o.env, logger: o.logger, sink: counted.sink, demo: false, sources: [source], silentFirstPoll: false, ...(store ? { store } : {}) });
  try {
    const step = Math.max(1, o.stepMinutes) * 60_000;
    let mentions = 0;
    // simulated cycles every `step` on event time; stretches with no items are skipped (nothing new to evaluate)
    let i = 0;
    for (let t = first; t < last + step; ) {
      simNow = t;
      const r = await app.tick(new Date(t));
      mentions += r.mentions;
      while (i < items.length && Date.parse(items[i]?.publishedAt ?? '') <= t) i++;
      const nextItem = i < items.length ? Date.parse(items[i]?.publishedAt ?? '') : Infinity;
      t = Math.max(t + step, Number.isFinite(nextItem) ? first + Math.ceil((nextItem - first) / step) * step : t + step);
    }
    const at = new Date(last + 1);
    const brands: Record<string, { mentions: number; positive: number; neutral: number; negative: number; nss: number | null; ori: number }> = {};
    for (const b of app.config.brands) {
      const rollups = await app.store.rollups(b.name, new Date(first - 3_600_000).toISOString(), at.toISOString());
      const sum = (f: 'count' | 'positive' | 'neutral' | 'negative'): number => rollups.reduce((s, r) => s + r[f], 0);
      const pos = sum('positive');
      const neg = sum('negative');
      const ori = await oriAt(app.store, b.name, at, app.config.settings.reputation);
      brands[b.name] = { mentions: sum('count'), positive: pos, neutral: sum('neutral'), negative: neg, nss: pos + neg > 0 ? Math.round(((pos - neg) / (pos + neg)) * 1000) / 1000 : null, ori: Math.round(ori.value * 10) / 10 };
    }
    if (o.json) write(`${JSON.stringify({ kind: 'summary', at: at.toISOString(), brands })}\n`);
    else write(replayReport(counted.rows, brands));
    o.logger.info({ items: items.length, mentions }, 'Replay done');
    return 0;
  } finally {
    await app.close();
  }
}

function replayReport(rows: ReadonlyMap<string, number>, brands: Record<string, { mentions: number; positive: number; neutral: number; negative: number; nss: number | null; ori: number }>): string {
  const lines = ['', 'Messages per day, brand and rule (updates by kind):'];
  const sorted = [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (const [k, n] of sorted) lines.push(`  ${k.split('\t').join('  ')}  ${n}`);
  if (sorted.length === 0) lines.push('  (none)');
  lines.push(`  total: ${[...rows.values()].reduce((a, b) => a + b, 0)}`, '', 'Summary at the end of the replay:');
  for (const [name, s] of Object.entries(brands)) {
    lines.push(`  ${name.padEnd(20)} ${String(s.mentions).padStart(6)} mentions  +${s.positive} =${s.neutral} −${s.negative}  NSS ${s.nss === null ? 'n/a' : s.nss.toFixed(2)}  ORI ${s.ori.toFixed(1)}`);
  }
  return `${lines.join('\n')}\n`;
}
