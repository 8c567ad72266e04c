import { mkdir } from 'node:fs/promises';
import type { Logger } from '../../shared/logger.js';
import type { Store } from '../store.js';
import { applyBatch, reconcilePartition } from './apply-batch.js';
import { type FileContext, DurableJsonFile } from './durable-file.js';
import { feedbackDoc, outboxDoc, stateDoc } from './docs.js';
import type { Engine } from './engine.js';
import { deleteJournal, readJournal } from './journal.js';
import { acquireDirLock } from './lock.js';
import { LowdbStore } from './lowdb-store.js';
import { MentionPartitions } from './partitions.js';
import { storePaths } from './paths.js';
import { RollupFiles } from './rollup-files.js';
import { type TermsOf } from './rollup.js';
import { type Migration, ensureSchema } from './schema.js';
import { SeenIndex } from './seen-index.js';
import { defaultTermsOf } from './terms.js';

export interface LowdbStoreOptions {
  dir: string;
  logger: Logger;
  now?: () => Date;
  /** terms counted in hourly rollups; default: a local word/hashtag tokenizer over title + text */
  termsOf?: TermsOf;
  /** mention partitions (days) kept in memory; default 8 */
  cacheDays?: number;
  /** schema migrations keyed by the version they upgrade from (default: the built-in list) */
  migrations?: Readonly<Record<number, Migration>>;
}

/**
 * Open (or create) a store directory: take the LOCK, check meta.json's schema version, load the seen
 * index and small files (recovering corrupt ones from .bak), then replay a leftover journal.
 * Throws StoreLockedError, StoreSchemaTooNewError, StoreMigrationMissingError or StoreCorruptError.
 */
export async function openLowdbStore(opts: LowdbStoreOptions): Promise<Store> {
  const now = opts.now ?? (() => new Date());
  const ctx: FileContext = { logger: opts.logger, now };
  const paths = storePaths(opts.dir);
  await mkdir(paths.dir, { recursive: true });
  const lock = await acquireDirLock(paths.dir, paths.lock, now(), opts.logger);
  try {
    await ensureSchema(paths, ctx, opts.migrations);
    const partitions = await MentionPartitions.open(paths, ctx, opts.cacheDays ?? 8);
    const { index: seen, recovered } = await SeenIndex.load(paths, ctx);
    const e: Engine = {
      paths,
      ctx,
      partitions,
      seen,
      rollups: new RollupFiles(paths, ctx, opts.termsOf ?? defaultTermsOf),
      state: await DurableJsonFile.load(paths.state, stateDoc.empty, stateDoc.valid, ctx),
      outbox: await DurableJsonFile.load(paths.outbox, outboxDoc.empty, outboxDoc.valid, ctx),
      feedback: await DurableJsonFile.load(paths.feedback, feedbackDoc.empty, feedbackDoc.valid, ctx),
    };
    partitions.onRecovered = (p) => reconcilePartition(e, p);
    // a recovered (or missing) seen file may lack keys: take them back from the partition itself
    const indexed = new Set(seen.days());
    const orphans = partitions.daysDesc().filter((d) => !indexed.has(d));
    for (const day of [...recovered, ...orphans]) await reconcilePartition(e, await partitions.get(day));
    const leftover = await readJournal(paths.journal, ctx);
    if (leftover) {
      opts.logger.warn({ mentions: leftover.mentions.length }, 'replaying store journal left by an interrupted commit');
      await applyBatch(e, leftover);
      await deleteJournal(paths.journal);
    }
    return new LowdbStore(e, lock.release);
  } catch (err) {
    await lock.release();
    throw err;
  }
}
