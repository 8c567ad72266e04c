import { copyFile, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import type { Logger } from '../../shared/logger.js';

/** How a file came to be in memory. */
export type LoadOutcome = 'ok' | 'missing' | 'restored' | 'reset';

export interface FileContext {
  logger: Logger;
  now: () => Date;
}

/**
 * lowdb's JSONFile with compact output: JSONFile pretty-prints (2-space indent), which makes the
 * large partitions ~30% bigger and slower to write. Same DataFile machinery (steno temp + rename).
 */
class CompactJSONFile<T> extends DataFile<T> {
  constructor(filename: string) {
    super(filename, { parse: JSON.parse, stringify: (data: T) => JSON.stringify(data) });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** fsync a file or directory; directories cannot be fsynced on every platform, so errors there are ignored. */
export async function fsyncPath(path: string, isDir = false): Promise<void> {
  let fh;
  try {
    fh = await open(path, 'r');
    await fh.sync();
  } catch (e) {
    if (!isDir) throw e;
  } finally {
    await fh?.close();
  }
}

/** temp + fsync + rename + fsync(dir): after it returns the file holds `text` durably. */
export async function atomicWriteText(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(text, 'utf-8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  await fsyncPath(dirname(path), true);
}

/**
 * One JSON file behind lowdb (`new Low(adapter, defaults)`), with a `.bak` copy of the last good
 * version made before every replacement, fsync after each write, and recovery at load:
 * unreadable main -> restore from .bak (warn); both bad -> move the bad file aside and start empty.
 */
export class DurableJsonFile<T> {
  private constructor(
    readonly path: string,
    private readonly low: Low<T>,
    readonly outcome: LoadOutcome,
  ) {}

  get data(): T {
    return this.low.data;
  }

  set data(value: T) {
    this.low.data = value;
  }

  static async load<T>(path: string, defaults: () => T, valid: (x: unknown) => boolean, ctx: FileContext): Promise<DurableJsonFile<T>> {
    const bak = `${path}.bak`;
    const main = await tryRead(path, defaults, valid);
    if (main.kind === 'ok') return new DurableJsonFile(path, main.low, 'ok');
    const backup = await tryRead(bak, defaults, valid);
    if (backup.kind === 'ok') {
      ctx.logger.warn({ file: path, error: main.kind === 'bad' ? main.error : 'missing' }, 'store file unreadable, restored from .bak');
      if (main.kind === 'bad') await moveAside(path, ctx);
      await copyFile(bak, path);
      await fsyncPath(path);
      return new DurableJsonFile(path, new Low(new CompactJSONFile<T>(path), backup.low.data), 'restored');
    }
    if (main.kind === 'missing') return new DurableJsonFile(path, new Low(new CompactJSONFile<T>(path), defaults()), 'missing');
    const aside = await moveAside(path, ctx);
    ctx.logger.warn({ file: path, movedTo: aside, error: main.error }, 'store file and its .bak unreadable, starting empty');
    return new DurableJsonFile(path, new Low(new CompactJSONFile<T>(path), defaults()), 'reset');
  }

  /** Replace the file with the in-memory data: copy the current version to .bak, write, fsync. */
  async write(): Promise<void> {
    if (await exists(this.path)) {
      await copyFile(this.path, `${this.path}.bak`);
      await fsyncPath(`${this.path}.bak`);
    }
    await this.low.write();
    await fsyncPath(this.path);
  }
}

type ReadResult<T> = { kind: 'ok'; low: Low<T> } | { kind: 'missing' } | { kind: 'bad'; error: string };

async function tryRead<T>(path: string, defaults: () => T, valid: (x: unknown) => boolean): Promise<ReadResult<T>> {
  if (!(await exists(path))) return { kind: 'missing' };
  const initial = defaults();
  const low = new Low<T>(new CompactJSONFile<T>(path), initial);
  try {
    await low.read();
  } catch (e) {
    return { kind: 'bad', error: (e as Error).message };
  }
  // lowdb keeps the defaults when the file parses to a falsy value (empty document, "null")
  if (low.data === initial) return { kind: 'bad', error: 'empty document' };
  if (!valid(low.data)) return { kind: 'bad', error: 'unexpected shape' };
  return { kind: 'ok', low };
}

async function moveAside(path: string, ctx: FileContext): Promise<string> {
  const aside = `${path}.corrupt-${ctx.now().toISOString().replace(/[:.]/g, '-')}`;
  await rename(path, aside).catch(() => undefined);
  return aside;
}

/** Delete a file and its .bak (the .bak first, so a crash in between never resurrects old data). */
export async function removeDurable(path: string): Promise<void> {
  await rm(`${path}.bak`, { force: true });
  await rm(path, { force: true });
}
