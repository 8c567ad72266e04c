import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempBot } from '../support/temp-config.js';
import { openLowdbStore } from '../../src/store/lowdb/index.js';
import { silentLogger } from '../../src/shared/logger.js';

const BRANDS = ['Nimbus', 'Stratus', 'Brightloom', 'Acme', 'Globex'];

function rss(items: { id: string; title: string; at: number }[]): string {
  const body = items.map((i) => `<item><guid>urn:crash:${i.id}</guid><title>${i.title}</title><link>https://crash.example/${i.id}</link><pubDate>${new Date(i.at).toUTCString()}</pubDate></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>crash</title>${body}</channel></rss>`;
}

function startBot(configDir: string, dataDir: string): { child: ChildProcess; out: () => string; err: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--config', configDir, '--data', dataDir, 'start'], {
    env: { ...process.env, BOT_CONSOLE_FORMAT: 'json', LOG_LEVEL: 'info', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return { child, out: () => out, err: () => err };
}

const waitFor = async (cond: () => boolean, ms: number): Promise<void> => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('crash recovery (real child process, kill -9)', () => {
  const cleanup: (() => void)[] = [];
  afterAll(() => cleanup.forEach((f) => f()));

  it('GIVEN the bot is killed -9 in the middle of a cycle THEN after a restart no mention is lost or stored twice and no alert is sent twice', async () => {
    const now = Date.now();
    const phaseA = Array.from({ length: 50 }, (_, i) => ({ id: `a${i}`, title: `${BRANDS[i % 5]} is fine, update ${i}`, at: now - 3_600_000 + i * 1000 }));
    const phaseB = Array.from({ length: 900 }, (_, i) => ({
      id: `b${i}`,
      title: i % 50 === 0 ? `${BRANDS[i % 5]} hit by a lawsuit and a data breach, case ${i}` : `${BRANDS[i % 5]} outage is terrible, lost my files ${i}`,
      at: now - 600_000 + i * 100,
    }));
    let phase: 'A' | 'B' = 'A';
    let bRequests = 0;
    const server = createServer((_req, res) => {
      if (phase === 'B') bRequests++;
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(phase === 'A' ? phaseA : [...phaseB, ...phaseA]));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => server.close());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
    const bot = tempBot({
      brands: BRANDS.map((name) => ({ name })),
      sources: { feeds: [{ id: 'crash', url, intervalSeconds: 1 }] },
      settings: { alerts: { cooldownMinutes: 60, crisisKeywords: ['lawsuit', 'breach'] } },
    });
    cleanup.push(() => rmSync(bot.root, { recursive: true, force: true }));

    // Run 1: the first poll is stored silently; then phase B arrives and the process is killed mid-cycle.
    const run1 = startBot(bot.configDir, bot.dataDir);
    await waitFor(() => /Stored new mentions/.test(run1.err()), 30_000);
    phase = 'B';
    await waitFor(() => bRequests > 0, 10_000);
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 300));
    run1.child.kill('SIGKILL');
    await new Promise((r) => run1.child.once('exit', r));

    // Run 2: recovers (journal, stale lock), finishes the work, delivers the outbox; then a graceful stop.
    const run2 = startBot(bot.configDir, bot.dataDir);
    await waitFor(() => (run2.err().match(/Stored new mentions/g)?.length ?? 0) >= 1 || /"delivered"/.test(run2.err()), 60_000).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 5000));
    run2.child.kill('SIGTERM');
    const code = await new Promise((r) => run2.child.once('exit', r));
    expect(code).toBe(0);

    const store = await openLowdbStore({ dir: bot.dataDir, logger: silentLogger() });
    try {
      const mentions = await store.queryMentions({ limit: 100_000 });
      const keys = mentions.map((m) => m.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(mentions.length).toBe(phaseA.length + phaseB.length);
      const alertIds = [...run1.out().split('\n'), ...run2.out().split('\n')]
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { kind: string; outboxId: string })
        .filter((l) => l.kind === 'alert')
        .map((l) => l.outboxId);
      expect(alertIds.length).toBeGreaterThan(0);
      expect(new Set(alertIds).size).toBe(alertIds.length);
      const pending = await store.outboxDue(new Date(8.64e15));
      expect(pending.filter((e) => e.payload.kind === 'alert')).toHaveLength(0);
    } finally {
      await store.close();
    }
  }, 120_000);
});
