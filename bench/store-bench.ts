/**
 * Store cost against stored history: pre-populate a temp store with N mentions over the last 90 days
 * (seedStore writes the same files a store writes), then time opening it and a cycle commit of 100 new
 * mentions for today (median of 7). The cost of a commit should stay flat as N grows: it rewrites only
 * today's partition, today's seen file, the brands' rollup month files and the small files.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Mention, SentimentLabel } from '../src/domain/types.js';
import { silentLogger } from '../src/shared/logger.js';
import { openLowdbStore, seedStore } from '../src/store/lowdb/index.js';

const BRANDS = ['acme', 'globex', 'initech', 'umbrella', 'hooli'];
const WORDS = 'launch price outage support update review delivery battery screen service refund recall app login feature bug release ceo store'.split(' ');
const LABELS: SentimentLabel[] = ['negative', 'neutral', 'positive'];
const DAYS = 90;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function makeMention(id: string, at: Date, r: () => number): Mention {
  const brand = BRANDS[Math.floor(r() * BRANDS.length)]!;
  const words = Array.from({ length: 12 }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ');
  const label = LABELS[Math.floor(r() * 3)]!;
  return {
    key: `${brand}|${id}`,
    itemKey: id,
    brand,
    sourceId: 'feed-1',
    sourceKind: 'rss',
    url: `https://news.example.com/${id}`,
    title: `${brand} ${words.slice(0, 40)}`,
    text: `${words} ${brand} #${WORDS[Math.floor(r() * WORDS.length)]} ${words}`,
    site: 'news.example.com',
    publishedAt: at.toISOString(),
    fetchedAt: at.toISOString(),
    reach: { score: Math.floor(r() * 50), comments: Math.floor(r() * 10) },
    sentiment: { label, confidence: 0.8, scores: { negative: 0.1, neutral: 0.1, positive: 0.8 }, classifier: 'bench' },
    topics: [],
    backfill: false,
  };
}

function* days(n: number, now: Date, r: () => number): Generator<Mention[]> {
  const perDay = Math.ceil(n / DAYS);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let made = 0;
  for (let d = DAYS - 1; d >= 0 && made < n; d--) {
    const start = today - d * 86_400_000;
    const span = d === 0 ? Math.max(1, now.getTime() - start - 3_600_000) : 86_400_000;
    const count = Math.min(perDay, n - made);
    yield Array.from({ length: count }, (_, i) => makeMention(`rss:seed-${made + i}`, new Date(start + Math.floor(r() * span)), r));
    made += count;
  }
}

async function du(path: string): Promise<number> {
  const s = await stat(path);
  if (!s.isDirectory()) return s.size;
  let total = 0;
  for (const name of await readdir(path)) total += await du(join(path, name));
  return total;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

export async function benchStore(sizes: number[]): Promise<{ stored: number; commitMs: number; openMs: number; heapMB: number; diskMB: number }[]> {
  const out = [];
  for (const n of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'store-bench-'));
    try {
      const now = new Date();
      const r = rng(n);
      const stored = await seedStore(dir, days(n, now, r), { now });
      globalThis.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const store = await openLowdbStore({ dir, logger: silentLogger() });
      const openMs = performance.now() - t0;
      const times: number[] = [];
      for (let c = 0; c < 7; c++) {
        const mentions = Array.from({ length: 100 }, (_, i) => makeMention(`rss:new-${c}-${i}`, new Date(now.getTime() - Math.floor(r() * 3_000_000)), r));
        const t = performance.now();
        await store.commit({ mentions, seenItemKeys: mentions.map((m) => m.itemKey), sourceStates: { 'feed-1': { etag: `"${c}"` } }, sourceHealth: [], outbox: [], kv: { cycle: c } });
        times.push(performance.now() - t);
      }
      globalThis.gc?.();
      const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
      await store.close();
      out.push({ stored, commitMs: round(median(times)), openMs: round(openMs), heapMB: round(heapMB), diskMB: round((await du(dir)) / 1e6) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return out;
}
