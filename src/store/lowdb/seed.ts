import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Mention } from '../../domain/types.js';
import type { MetaDoc, PartitionDoc, RollupDoc, SeenDoc } from './docs.js';
import { dayOf, mentionPartitionPath, monthOf, rollupPath, seenPartitionPath, storePaths } from './paths.js';
import { type TermsOf, computeRollups } from './rollup.js';
import { SCHEMA_VERSION } from './schema.js';
import { defaultTermsOf } from './terms.js';

async function put(path: string, doc: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(doc), 'utf-8');
}

/**
 * Bulk-load a NEW store directory (benchmarks, demo data) by writing the same files a store writes,
 * without journal, .bak or fsync. Each element of `days` holds the mentions of one UTC day (by
 * publishedAt, already toISOString()); days must not repeat and keys must be unique. Returns the count.
 */
export async function seedStore(dir: string, days: Iterable<Mention[]>, opts: { now: Date; termsOf?: TermsOf }): Promise<number> {
  const paths = storePaths(dir);
  const termsOf = opts.termsOf ?? defaultTermsOf;
  const rollups = new Map<string, RollupDoc>();
  const done = new Set<string>();
  let total = 0;
  for (const mentions of days) {
    const first = mentions[0];
    if (!first) continue;
    const day = dayOf(first.publishedAt);
    if (done.has(day) || mentions.some((m) => dayOf(m.publishedAt) !== day)) throw new Error(`seedStore: day ${day} repeated or mixed`);
    done.add(day);
    await put(mentionPartitionPath(paths, day), { mentions } satisfies PartitionDoc);
    const seen: SeenDoc = { items: mentions.map((m) => m.itemKey), mentions: mentions.map((m) => m.key) };
    await put(seenPartitionPath(paths, day), seen);
    for (const r of computeRollups(mentions, termsOf)) {
      const month = monthOf(r.hour);
      const k = `${r.brand}\u0000${month}`;
      let doc = rollups.get(k);
      if (!doc) rollups.set(k, (doc = { brand: r.brand, month, hours: {} }));
      doc.hours[r.hour] = r;
    }
    total += mentions.length;
  }
  for (const doc of rollups.values()) await put(rollupPath(paths, doc.month, doc.brand), doc);
  const meta: MetaDoc = { schemaVersion: SCHEMA_VERSION, createdAt: opts.now.toISOString() };
  await put(paths.meta, meta);
  return total;
}
