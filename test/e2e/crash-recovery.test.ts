import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempBot } from '../support/temp-config.js';
import { openLowdbStore } from '../../src/store/lowdb/index.js';
import { silentLogger } from '../../src/shared/logger.js';
import { seeded } from '../support/seed.js';
import { until } from '../support/until.js';

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

/** a counter's value on the bot's /metrics, for the series with these labels (0 while it is absent) */
async function metric(baseUrl: string, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}
/** the address of the child's health and metrics endpoint, from its start-up log */
const metricsUrl = (err: string): string | undefined => /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*endpoint listening/.exec(err)?.[1];

describe('crash recovery (real child process, kill -9)', () => {
  const cleanup: (() => void)[] = [];
  afterAll(() => cleanup.forEach((f) => f()));

  it('GIVEN the bot is killed -9 in the middle of a cycle THEN after a restart no mention is lost or stored twice and no alert is sent twice', async () => {
    const { random } = seeded('crash recovery kill point'); // SEED=<n> replays the same kill delay
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
      settings: { alerts: { cooldownMinutes: 60, crisisKeywords: ['lawsuit', 'breach'] }, http: { enabled: true, port: 0 } },
    });
    cleanup.push(() => rmSync(bot.root, { recursive: true, force: true }));

    // Run 1: the first poll is stored silently; then phase B arrives and the process is killed mid-cycle.
    const run1 = startBot(bot.configDir, bot.dataDir);
    await until(() => /Stored new mentions/.test(run1.err()), { timeoutMs: 30_000, everyMs: 20, what: 'run 1 to store its first poll' });
    phase = 'B';
    await until(() => bRequests > 0, { timeoutMs: 10_000, everyMs: 5, what: 'run 1 to fetch phase B' });
    // the crash point: a random moment of the cycle that stores phase B (this delay is the test's input, not a wait for something)
    await new Promise((r) => setTimeout(r, 150 + random() * 300));
    run1.child.kill('SIGKILL');
    await new Promise((r) => run1.child.once('exit', r));

    // Run 2: recovers (journal, stale lock), finishes the work, delivers the outbox; then a graceful stop. It has
    // finished once one poll of the feed succeeded: that poll's tick stores whatever is missing and delivers, and a
    // graceful stop waits for the running tick to end.
    const run2 = startBot(bot.configDir, bot.dataDir);
    await until(() => metricsUrl(run2.err()) !== undefined, { timeoutMs: 30_000, everyMs: 20, what: 'run 2 to start its metrics endpoint' });
    const base = metricsUrl(run2.err())!;
    await until(async () => (await metric(base, 'brandbot_polls_total', { source: 'crash', outcome: 'ok' })) >= 1, { timeoutMs: 60_000, everyMs: 50, what: 'run 2 to poll the feed once' });
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
