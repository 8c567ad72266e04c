import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { Logger } from '../../shared/logger.js';
import { StoreLockedError } from './errors.js';

interface LockInfo {
  pid: number;
  startedAt: string;
  host: string;
}

/** Lock files held by this process: a second open in the same process is refused even though the pid is alive. */
const heldHere = new Set<string>();

export interface DirLock {
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

async function readLock(path: string): Promise<LockInfo | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf-8')) as Partial<LockInfo>;
    return typeof parsed.pid === 'number' ? (parsed as LockInfo) : undefined;
  } catch {
    return undefined;
  }
}

async function tryCreate(path: string, info: LockInfo): Promise<boolean> {
  try {
    const fh = await open(path, 'wx');
    try {
      await fh.writeFile(JSON.stringify(info));
      await fh.sync();
    } finally {
      await fh.close();
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/**
 * One writer per data directory: `<dir>/LOCK` holds { pid, startedAt, host }. A lock whose pid is dead
 * (kill(pid, 0) -> ESRCH), unreadable (crash while creating it) or our own pid from an earlier life
 * (container restarts reuse pid 1) is stale and taken over.
 */
export async function acquireDirLock(dir: string, path: string, startedAt: Date, logger: Logger): Promise<DirLock> {
  if (heldHere.has(path)) throw new StoreLockedError(dir, process.pid, undefined);
  const mine: LockInfo = { pid: process.pid, startedAt: startedAt.toISOString(), host: hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await tryCreate(path, mine)) {
      heldHere.add(path);
      return { release: () => release(path, mine) };
    }
    const other = await readLock(path);
    if (other && other.pid !== process.pid && isAlive(other.pid)) throw new StoreLockedError(dir, other.pid, other.startedAt);
    logger.warn({ lock: path, stalePid: other?.pid, staleSince: other?.startedAt }, 'taking over stale store lock');
    await rm(path, { force: true });
  }
  const other = await readLock(path);
  throw new StoreLockedError(dir, other?.pid ?? -1, other?.startedAt);
}

async function release(path: string, mine: LockInfo): Promise<void> {
  if (!heldHere.delete(path)) return;
  const current = await readLock(path);
  if (current && current.pid === mine.pid && current.startedAt === mine.startedAt) await rm(path, { force: true });
}
