import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/shared/logger.js';
import { openLowdbStore } from '../src/store/lowdb/index.js';
import { loadLocalClassifier } from '../src/classify/local/index.js';
import { createKeywordTopicTagger } from '../src/classify/topics.js';
import { runPollCycle } from '../src/pipeline/poll-cycle.js';
import type { MentionSource } from '../src/sources/source.js';
import { BENCH_BRANDS, generateItems } from './corpus.js';
import { scratchMetrics } from '../src/shared/metrics.js';

export interface CycleBenchRow {
  items: number;
  mentions: number;
  ms: number;
  itemsPerSec: number;
  heapMB: number;
}

/** The whole cycle (key, dedup, match, classify, topics, journaled commit) for one batch of N new items. */
export async function benchCycle(sizes: number[]): Promise<CycleBenchRow[]> {
  const classifier = await loadLocalClassifier();
  const rows: CycleBenchRow[] = [];
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-cycle-'));
    const store = await openLowdbStore({ dir, logger: silentLogger() });
    const items = generateItems(n, n);
    const source: MentionSource = { id: 'bench', kind: 'rss', intervalSeconds: 60, describe: 'bench', poll: () => Promise.resolve({ items, state: {} }) };
    const t0 = performance.now();
    const r = await runPollCycle(
      {
        store,
        logger: silentLogger(),
        sources: () => [source],
        ingest: () => ({ brands: BENCH_BRANDS, classifier, topics: createKeywordTopicTagger(), authors: 'pseudonymise', authorKey: 'bench-key-0123456789' }),
        random: () => 0.5,
        pollDeadlineMs: 600_000,
        concurrency: 1,
        metrics: scratchMetrics(),
      },
      new Date('2026-11-23T12:00:00Z'),
    );
    const ms = performance.now() - t0;
    rows.push({ items: n, mentions: r.mentions, ms: Math.round(ms), itemsPerSec: Math.round((n / ms) * 1000), heapMB: Math.round(process.memoryUsage().heapUsed / 1e6) });
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
