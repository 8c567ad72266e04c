import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { silentLogger } from '../src/shared/logger.js';
import { buildApp } from '../src/app/build.js';
import { recordingSink, tempBot } from '../test/support/temp-config.js';

/**
 * Time from an item appearing on a local feed server to its alert reaching the chat sink. The bot ticks every
 * `tickMs` and the feed's poll interval is 1 s, as a fast production set-up would; each run publishes one
 * crisis-keyword mention and waits for its alert.
 */
export async function benchLatency(runs = 20, tickMs = 250): Promise<{ runs: number; p50Ms: number; p95Ms: number; maxMs: number; pollIntervalMs: number }> {
  const items: { id: number; title: string; at: string }[] = [];
  const server = createServer((_req, res) => {
    const body = items.map((i) => `<item><guid>urn:bench:${i.id}</guid><title>${i.title}</title><link>https://bench.example/${i.id}</link><pubDate>${new Date(i.at).toUTCString()}</pubDate></item>`).join('');
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>${body}</channel></rss>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  const bot = tempBot({
    brands: [{ name: 'Nimbus' }],
    sources: { feeds: [{ id: 'bench', url, intervalSeconds: 1 }] },
    settings: { alerts: { cooldownMinutes: 0.0001, crisisKeywords: ['lawsuit'] } },
  });
  const sink = recordingSink();
  const app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink, demo: false });
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      await app.tick(new Date());
      await new Promise((r) => setTimeout(r, tickMs));
    }
  })();
  await new Promise((r) => setTimeout(r, 1500)); // first poll: silent backfill of an empty feed
  const lat: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = sink.alerts.length;
    const t0 = performance.now();
    items.push({ id: i, title: `Nimbus faces a lawsuit over lost data, case ${i}`, at: new Date().toISOString() });
    while (sink.alerts.length === before && performance.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 5));
    lat.push((sink.alerts.at(-1)?.at ?? performance.now()) - t0);
  }
  stop = true;
  await loop;
  await app.close();
  server.close();
  rmSync(bot.root, { recursive: true, force: true });
  const sorted = [...lat].sort((a, b) => a - b);
  const q = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
  return { runs, p50Ms: q(0.5), p95Ms: q(0.95), maxMs: Math.round(sorted.at(-1) ?? 0), pollIntervalMs: 1000 };
}
