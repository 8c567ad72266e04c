import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { silentLogger } from '../../src/shared/logger.js';
import { openLowdbStore, StoreCorruptError, StoreLockedError } from '../../src/store/lowdb/index.js';
import type { Store } from '../../src/store/store.js';
import { batch, checkConsistency, mention, tempDir } from './helpers.js';

const NOW = new Date('2026-11-23T12:30:00.000Z');
const RANGE = ['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'] as const;
let dir: string;
let cleanup: () => Promise<void>;
let store: Store | undefined;

/** A logger whose warnings the test can read. */
function recordingLogger(): { logger: ReturnType<typeof silentLogger>; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'warn' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { logger, lines };
}
const open = async (logger = silentLogger()): Promise<Store> => (store = await openLowdbStore({ dir, logger, now: () => NOW }));

beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => {
  await store?.close();
  store = undefined;
  await cleanup();
});

describe('lowdb store lock', () => {
  it('refuses a second opener naming the holder pid, and allows it after close', async () => {
    const s = await open();
    const err = await openLowdbStore({ dir, logger: silentLogger() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreLockedError);
    expect((err as StoreLockedError).pid).toBe(process.pid);
    expect(String(err)).toContain(String(process.pid));
    await s.close();
    await expect(s.queryMentions({})).rejects.toThrow(/closed/);
    store = await openLowdbStore({ dir, logger: silentLogger() });
  });

  it('refuses a lock held by another live process', async () => {
    await writeFile(join(dir, 'LOCK'), JSON.stringify({ pid: process.ppid, startedAt: NOW.toISOString(), host: 'h' }));
    await expect(openLowdbStore({ dir, logger: silentLogger() })).rejects.toMatchObject({ name: 'StoreLockedError', pid: process.ppid });
  });

  it('takes over a stale lock whose pid has exited', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf-8' });
    const pid = Number(dead.stdout);
    expect(pid).toBeGreaterThan(0);
    await writeFile(join(dir, 'LOCK'), JSON.stringify({ pid, startedAt: NOW.toISOString(), host: 'h' }));
    const { logger, lines } = recordingLogger();
    await open(logger);
    expect(lines.some((l) => l.stalePid === pid)).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'LOCK'), 'utf-8'))).toMatchObject({ pid: process.pid });
  });
});

describe('lowdb store corruption', () => {
  const day = '2026-11-23';
  const partition = (): string => join(dir, 'mentions', `${day}.json`);

  it('GIVEN a torn partition WHEN reopened THEN it is restored from .bak with a warning and indexes/rollups follow', async () => {
    let s = await open();
    await s.commit(batch({ mentions: [mention({ itemKey: 'a', publishedAt: `${day}T10:00:00Z` })] }));
    await s.commit(batch({ mentions: [mention({ itemKey: 'b', publishedAt: `${day}T11:00:00Z` })] }));
    await s.close();
    const good = await readFile(partition(), 'utf-8');
    await writeFile(partition(), good.slice(0, good.length / 2)); // torn write
    const { logger, lines } = recordingLogger();
    s = await open(logger);
    // .bak is the version before the last write: only "a"; the index and rollups must agree with it
    const { mentions, problems } = await checkConsistency(s, ...RANGE);
    expect(problems).toEqual([]);
    expect(mentions.map((m) => m.key)).toEqual(['acme|a']);
    expect(await s.getMention('acme|b')).toBeUndefined();
    expect(lines.some((l) => String(l.file).endsWith(`${day}.json`) && /restored from \.bak/.test(String(l.msg)))).toBe(true);
    expect((await readdir(join(dir, 'mentions'))).some((n) => n.includes('.corrupt-'))).toBe(true);
    // "b" can be stored again: it is no longer known
    await s.commit(batch({ mentions: [mention({ itemKey: 'b', publishedAt: `${day}T11:00:00Z` })] }));
    expect((await checkConsistency(s, ...RANGE)).mentions).toHaveLength(2);
  });

  it('GIVEN a partition and its .bak both unreadable WHEN reopened THEN the bad file is moved aside and the day starts empty', async () => {
    let s = await open();
    await s.commit(batch({ mentions: [mention({ itemKey: 'a', publishedAt: `${day}T10:00:00Z` })] }));
    await s.commit(batch({ mentions: [mention({ itemKey: 'c', publishedAt: '2026-11-22T10:00:00Z' })] }));
    await s.close();
    await writeFile(partition(), '{"mentions": [');
    await writeFile(`${partition()}.bak`, 'garbage');
    const { logger, lines } = recordingLogger();
    s = await open(logger);
    const { mentions, problems } = await checkConsistency(s, ...RANGE);
    expect(problems).toEqual([]);
    expect(mentions.map((m) => m.key)).toEqual(['acme|c']);
    const aside = (await readdir(join(dir, 'mentions'))).filter((n) => n.startsWith(`${day}.json.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, 'mentions', aside[0]!), 'utf-8')).toBe('{"mentions": [');
    expect(lines.some((l) => typeof l.movedTo === 'string')).toBe(true);
  });

  it('recovers corrupt small files (state, seen index) from .bak', async () => {
    let s = await open();
    await s.commit(batch({ mentions: [mention({ itemKey: 'a', publishedAt: `${day}T10:00:00Z` })], kv: { v: 1 } }));
    await s.commit(batch({ seenItemKeys: ['x'], kv: { v: 2 } }));
    await s.close();
    await writeFile(join(dir, 'state.json'), '');
    await writeFile(join(dir, 'seen', `${day}.json`), 'null');
    s = await open();
    expect(await s.kvGet('v')).toBe(1);
    // the seen file came back without "x" but the mention key is rebuilt from the partition
    expect((await s.getMention('acme|a'))?.key).toBe('acme|a');
    await s.commit(batch({ mentions: [mention({ itemKey: 'a', publishedAt: `${day}T10:00:00Z` })] }));
    expect(await s.queryMentions({})).toHaveLength(1);
  });

  it('rebuilds the index of a partition whose seen file is missing', async () => {
    let s = await open();
    await s.commit(batch({ mentions: [mention({ itemKey: 'a', publishedAt: `${day}T10:00:00Z` })] }));
    await s.close();
    await rm(join(dir, 'seen', `${day}.json`));
    await rm(join(dir, 'seen', `${day}.json.bak`), { force: true });
    s = await open();
    expect((await s.getMention('acme|a'))?.key).toBe('acme|a');
  });

  it('refuses to guess when meta.json is gone but data is present', async () => {
    const s = await open();
    await s.commit(batch({ mentions: [mention({ itemKey: 'a', publishedAt: `${day}T10:00:00Z` })] }));
    await s.close();
    await writeFile(join(dir, 'meta.json'), '{');
    await writeFile(join(dir, 'meta.json.bak'), '{');
    await expect(openLowdbStore({ dir, logger: silentLogger() })).rejects.toBeInstanceOf(StoreCorruptError);
  });
});
