import { spawn } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/shared/logger.js';
import { openLowdbStore } from '../../src/store/lowdb/index.js';
import type { Store } from '../../src/store/store.js';
import { batch, checkConsistency, mention, tempDir } from './helpers.js';
import { seeded } from '../support/seed.js';

const NOW = new Date('2026-11-23T12:30:00.000Z');
const logger = silentLogger();
const RANGE = ['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'] as const;
let dir: string;
let cleanup: () => Promise<void>;
let store: Store | undefined;
const open = async (): Promise<Store> => (store = await openLowdbStore({ dir, logger, now: () => NOW }));

beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => {
  await store?.close();
  store = undefined;
  await cleanup();
});

const ms = (from: number, to: number, day = '2026-11-23') =>
  Array.from({ length: to - from }, (_, i) => mention({ itemKey: `rss:${from + i}`, publishedAt: `${day}T${String((from + i) % 24).padStart(2, '0')}:15:00.000Z` }));
const journal = (b: ReturnType<typeof batch>) => JSON.stringify({ journal: 1, writtenAt: NOW.toISOString(), batch: b });

describe('lowdb store crash consistency', () => {
  it('GIVEN a journal whose batch was already fully applied WHEN reopened THEN nothing is counted twice', async () => {
    const b = batch({ mentions: ms(0, 5), outbox: [] });
    let s = await open();
    await s.commit(b);
    await s.close();
    await writeFile(join(dir, 'journal.json'), journal(b));
    s = await open();
    const { mentions, problems } = await checkConsistency(s, ...RANGE);
    expect(problems).toEqual([]);
    expect(mentions).toHaveLength(5);
  });

  it('GIVEN a crash after the partition was written but before rollups and seen index WHEN reopened THEN the journal completes the batch exactly once', async () => {
    let s = await open();
    await s.commit(batch({ mentions: ms(0, 3) }));
    await s.close();
    const snap = await tempDir();
    const snapshot = join(snap.dir, 'copy');
    await cp(dir, snapshot, { recursive: true });
    const second = batch({ mentions: [...ms(3, 6), ...ms(10, 11, '2026-11-22')], seenItemKeys: ['rss:unmatched'], kv: { k: 2 } });
    s = await open();
    await s.commit(second);
    await s.close();
    // roll back everything except today's partition: as if the process died right after writing it
    const partition = await readFile(join(dir, 'mentions', '2026-11-23.json'), 'utf-8');
    await cleanup();
    await cp(snapshot, dir, { recursive: true });
    await writeFile(join(dir, 'mentions', '2026-11-23.json'), partition);
    await writeFile(join(dir, 'journal.json'), journal(second));
    s = await open();
    const { mentions, problems } = await checkConsistency(s, ...RANGE);
    expect(problems).toEqual([]);
    expect(mentions.map((m) => m.key).sort()).toEqual(['rss:0', 'rss:1', 'rss:10', 'rss:2', 'rss:3', 'rss:4', 'rss:5'].map((k) => `acme|${k}`));
    expect(await s.seenItems(['rss:4', 'rss:unmatched'])).toEqual(new Set(['rss:4', 'rss:unmatched']));
    expect(await s.kvGet('k')).toBe(2);
    const r = await s.rollups('acme', '2026-11-23T03:00:00Z', '2026-11-23T04:00:00Z');
    expect(r.map((x) => x.count)).toEqual([1]);
    await snap.cleanup();
  });

  it('GIVEN a writer killed with SIGKILL mid-loop WHEN reopened THEN every acknowledged commit is there once and rollups match', async () => {
    const script = fileURLToPath(new URL('./fixtures/commit-loop.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = -1;
    const { random } = seeded('lowdb SIGKILL point'); // SEED=<n> replays the same kill point
    const target = 6 + Math.floor(random() * 6);
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
      child.stdout.setEncoding('utf-8').on('data', (chunk: string) => {
        for (const m of chunk.matchAll(/ok (\d+)/g)) acked = Number(m[1]);
        if (acked >= target) {
          // kill a few ms later so the kill lands anywhere inside the next commit
          setTimeout(() => resolve(), random() * 15);
        }
      });
    });
    child.removeAllListeners('exit');
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    if (process.env.STORE_CRASH_DEBUG) console.log('journal left:', await readFile(join(dir, 'journal.json'), 'utf-8').then(() => true, () => false));
    const s = await openLowdbStore({ dir, logger }); // takes over the dead child's lock
    store = s;
    const since = new Date(Date.now() - 5 * 24 * 3600_000).toISOString();
    const { mentions, problems } = await checkConsistency(s, since, new Date(Date.now() + 3600_000).toISOString());
    expect(problems).toEqual([]);
    const keys = new Set(mentions.map((m) => m.itemKey));
    for (let id = 0; id < acked * 10 + 20; id++) expect(keys.has(`rss:${id}`), `rss:${id}`).toBe(true);
    expect(await s.kvGet<number>('last')).toBeGreaterThanOrEqual(acked);
  });
});
