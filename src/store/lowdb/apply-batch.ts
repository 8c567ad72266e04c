import { dirname } from 'node:path';
import type { Mention } from '../../domain/types.js';
import type { CycleBatch } from '../store.js';
import { fsyncPath } from './durable-file.js';
import type { Engine } from './engine.js';
import type { Partition } from './partitions.js';
import { dayOf, hourOf, mentionPartitionPath, monthOf, normalizeIso, rollupMonthDir, seenPartitionPath } from './paths.js';
import { rollupGroup } from './rollup-files.js';
import { enqueue, mergeState, pruneSent } from './small-files.js';

/** publishedAt/fetchedAt as toISOString() strings (partition day, hour and range queries depend on it). */
export function normalizeMention(m: Mention, now: Date): Mention {
  const fetchedAt = normalizeIso(m.fetchedAt) ?? now.toISOString();
  const publishedAt = normalizeIso(m.publishedAt) ?? fetchedAt;
  return publishedAt === m.publishedAt && fetchedAt === m.fetchedAt ? m : { ...m, publishedAt, fetchedAt };
}

/**
 * Apply a batch to the files. Idempotent, so a journal can be replayed any number of times:
 * a mention whose key is indexed or already in its partition is not added again; the affected
 * (brand, hour) rollups are recomputed from the partition; item keys are a set; state is overwritten;
 * outbox ids already present are ignored. Write order: partitions, rollups, seen index, state, outbox;
 * then every touched directory is fsynced (the caller deletes the journal only after that).
 */
export async function applyBatch(e: Engine, batch: CycleBatch): Promise<void> {
  const now = e.ctx.now();
  const today = dayOf(now.toISOString());
  const touched = new Map<string, Partition>();
  const groups = new Map<string, Set<string>>();
  const dirs = new Set<string>([e.paths.dir]);

  for (const raw of batch.mentions) {
    const m = normalizeMention(raw, now);
    await e.seen.addItem(today, m.itemKey);
    if (e.seen.dayOfMention(m.key) !== undefined) continue;
    const day = dayOf(m.publishedAt);
    let p = touched.get(day);
    if (!p) {
      p = await e.partitions.get(day);
      touched.set(day, p);
    }
    if (!p.byKey.has(m.key)) {
      const copy = structuredClone(m);
      p.file.data.mentions.push(copy);
      p.byKey.set(copy.key, copy);
    }
    await e.seen.addMention(day, m.key);
    let g = groups.get(day);
    if (!g) groups.set(day, (g = new Set()));
    g.add(rollupGroup(m.brand, hourOf(m.publishedAt)));
  }
  for (const k of batch.seenItemKeys) await e.seen.addItem(today, k);

  for (const p of touched.values()) {
    await p.file.write();
    dirs.add(dirname(mentionPartitionPath(e.paths, p.day)));
  }
  for (const [day, g] of groups) {
    const p = touched.get(day);
    if (!p) continue;
    for (const month of await e.rollups.rebuild(p.file.data.mentions, g)) dirs.add(rollupMonthDir(e.paths, month));
  }
  await e.seen.flush();
  dirs.add(dirname(seenPartitionPath(e.paths, today)));
  if (mergeState(e.state.data, batch)) await e.state.write();
  if (batch.outbox.length > 0 && (enqueue(e.outbox.data, batch.outbox) > 0 || pruneSent(e.outbox.data, now) > 0)) await e.outbox.write();
  for (const d of dirs) await fsyncPath(d, true);
}

/**
 * A partition came back from .bak (or empty): make the seen index and that day's rollups match it,
 * so "rollups reflect exactly the stored mentions" still holds. Any leftover journal is replayed afterwards.
 */
export async function reconcilePartition(e: Engine, p: Partition): Promise<void> {
  const mentions = p.file.data.mentions;
  await e.seen.reconcileDay(p.day, mentions.map((m) => m.key));
  await e.seen.flush();
  const brands = new Set([...mentions.map((m) => m.brand), ...(await e.rollups.brandsOf(monthOf(p.day)))]);
  const groups = new Set<string>();
  for (const brand of brands) {
    for (let h = 0; h < 24; h++) groups.add(rollupGroup(brand, hourOf(`${p.day}T${String(h).padStart(2, '0')}:00:00.000Z`)));
  }
  await e.rollups.rebuild(mentions, groups);
  e.ctx.logger.warn({ day: p.day, mentions: mentions.length }, 'mention partition recovered; seen index and rollups rebuilt for that day');
}
