import type { Engine } from './engine.js';
import { hourOf } from './paths.js';
import { rollupGroup } from './rollup-files.js';

/**
 * Delete every mention whose stored author is one of `authors`, day partition by day partition. Order per day: the
 * rollups are recomputed from the mentions that stay (so they never count more than is stored once the partition is
 * written), then the partition is written twice (the second write replaces the `.bak`, which would otherwise keep the
 * erased mentions), then the seen index forgets the mention keys. Item keys stay seen: the items are not stored again.
 * A crash part-way leaves some days erased; running it again finishes the rest.
 */
export async function eraseAuthors(e: Engine, authors: readonly string[]): Promise<number> {
  const wanted = new Set(authors);
  if (wanted.size === 0) return 0;
  let removed = 0;
  const erasedKeys = new Set<string>();
  for (const day of e.partitions.daysDesc()) {
    const p = await e.partitions.get(day);
    const gone = p.file.data.mentions.filter((m) => m.author !== undefined && wanted.has(m.author));
    if (gone.length === 0) continue;
    const kept = p.file.data.mentions.filter((m) => m.author === undefined || !wanted.has(m.author));
    await e.rollups.rebuild(kept, new Set(gone.map((m) => rollupGroup(m.brand, hourOf(m.publishedAt)))));
    p.file.data.mentions = kept;
    for (const m of gone) p.byKey.delete(m.key);
    await p.file.write();
    await p.file.write();
    await e.seen.removeMentions(day, gone.map((m) => m.key));
    await e.seen.flush();
    removed += gone.length;
    for (const m of gone) erasedKeys.add(m.key);
  }
  // sentiment corrections quote the mention's text: they go too (written twice for the same reason)
  const records = e.feedback.data.records.filter((r) => !erasedKeys.has(r.mentionKey));
  if (records.length < e.feedback.data.records.length) {
    e.feedback.data.records = records;
    await e.feedback.write();
    await e.feedback.write();
  }
  if (removed > 0) e.ctx.logger.info({ removed }, 'mentions erased by author');
  return removed;
}
