import { readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CycleBatch } from '../store.js';
import { type FileContext, atomicWriteText, fsyncPath } from './durable-file.js';

interface JournalDoc {
  journal: 1;
  writtenAt: string;
  batch: CycleBatch;
}

function isBatch(x: unknown): x is CycleBatch {
  const b = x as Partial<CycleBatch> | null;
  return (
    typeof b === 'object' && b !== null && Array.isArray(b.mentions) && Array.isArray(b.seenItemKeys) && Array.isArray(b.outbox) &&
    Array.isArray(b.sourceHealth) && typeof b.sourceStates === 'object' && typeof b.kv === 'object'
  );
}

/** Durably record the whole batch before any partition is touched. */
export async function writeJournal(path: string, batch: CycleBatch, at: Date): Promise<void> {
  const doc: JournalDoc = { journal: 1, writtenAt: at.toISOString(), batch };
  await atomicWriteText(path, JSON.stringify(doc));
}

/** The batch of a leftover journal, or undefined. An unreadable journal is moved aside (it was never complete). */
export async function readJournal(path: string, ctx: FileContext): Promise<CycleBatch | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf-8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const doc = JSON.parse(text) as Partial<JournalDoc>;
    if (isBatch(doc.batch)) return doc.batch;
  } catch {
    // fall through
  }
  const aside = `${path}.corrupt-${ctx.now().toISOString().replace(/[:.]/g, '-')}`;
  await rename(path, aside);
  ctx.logger.warn({ file: path, movedTo: aside }, 'unreadable journal moved aside (its batch was never acknowledged)');
  return undefined;
}

/** The batch is fully applied: forget it. */
export async function deleteJournal(path: string): Promise<void> {
  await rm(path, { force: true });
  await fsyncPath(dirname(path), true);
}
