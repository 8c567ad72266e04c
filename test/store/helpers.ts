import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Mention, SentimentLabel } from '../../src/domain/types.js';
import type { CycleBatch } from '../../src/store/store.js';
import type { Store } from '../../src/store/store.js';

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'store-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function mention(over: Partial<Mention> & { itemKey: string; publishedAt: string }): Mention {
  const brand = over.brand ?? 'acme';
  const label: SentimentLabel = over.sentiment?.label ?? 'neutral';
  return {
    key: `${brand}|${over.itemKey}`,
    brand,
    sourceId: 'feed-a',
    sourceKind: 'rss',
    title: `Title ${over.itemKey}`,
    text: 'Acme launches rocket skates #launch',
    fetchedAt: over.publishedAt,
    reach: { score: 2, comments: 1 },
    sentiment: { label, confidence: 0.9, scores: { negative: 0.05, neutral: 0.05, positive: 0.9 }, classifier: 'test' },
    topics: [],
    backfill: false,
    ...over,
  };
}

export function batch(over: Partial<CycleBatch> = {}): CycleBatch {
  return { mentions: [], seenItemKeys: [], sourceStates: {}, sourceHealth: [], outbox: [], kv: {}, ...over };
}

/** Every stored mention, its keys unique, and rollup counts equal mention counts for each brand and hour. */
export async function checkConsistency(store: Store, since: string, until: string): Promise<{ mentions: Mention[]; problems: string[] }> {
  const mentions = await store.queryMentions({});
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const m of mentions) {
    if (keys.has(m.key)) problems.push(`duplicate ${m.key}`);
    keys.add(m.key);
  }
  const expected = new Map<string, number>();
  for (const m of mentions) {
    const k = `${m.brand} ${m.publishedAt.slice(0, 13)}`;
    expected.set(k, (expected.get(k) ?? 0) + 1);
  }
  const got = new Map<string, number>();
  for (const brand of new Set(mentions.map((m) => m.brand))) {
    for (const r of await store.rollups(brand, since, until)) got.set(`${brand} ${r.hour.slice(0, 13)}`, r.count);
  }
  for (const [k, n] of expected) if (got.get(k) !== n) problems.push(`rollup ${k}: ${got.get(k)} != ${n}`);
  for (const [k, n] of got) if (!expected.has(k)) problems.push(`rollup ${k}: ${n} without mentions`);
  return { mentions, problems };
}
