import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { silentLogger } from '../src/shared/logger.js';
import { buildApp, type App } from '../src/app/build.js';
import type { ChatSink } from '../src/chat/sink.js';
import { tempBot } from '../test/support/temp-config.js';

/**
 * A simulated day on accelerated time: many local RSS feeds whose items keep appearing, a share of them failing for a
 * while (503, then a non-feed body) and recovering, and the bot restarted every 6 simulated hours on the same data
 * directory. The real composition root runs: HTTP fetch, parse, key, dedup, match, classify, journaled commits, alert
 * rules, outbox dispatch (to a sink that only counts). Time is simulated through the `now` every tick is given (one
 * tick = 60 s of the day); sockets, files and parsing are real. Memory is read after a forced GC at the end of each
 * simulated hour; open handles are compared with those before the run.
 */

export interface SoakRow {
  feeds: number;
  simulatedHours: number;
  ticks: number;
  restarts: number;
  itemsPublished: number;
  itemsStored: number;
  mentions: number;
  feedFailures: number;
  alertsDelivered: number;
  wallSeconds: number;
  heapAfterWarmupMB: number;
  heapEndMB: number;
  heapGrowthPct: string;
  heapPer100kItemsMB: string;
  rssEndMB: number;
  handlesBefore: string;
  handlesAfter: string;
  handleLeak: string;
}

const DAY_START = Date.parse('2026-11-23T00:00:00.000Z');
const TICK_MS = 60_000;
const WARMUP_HOURS = 3;
const WINDOW = 60;
const BRANDS = ['Nimbus', 'Stratus', 'Brightloom', 'Acme', 'Globex'];
const PHRASES = ['really love the new {b} release', '{b} support never answered my ticket', 'switching from {b} to something cheaper', '{b} announced new pricing', 'the {b} app crashed again at checkout', 'weather is nice today', 'coffee first, then emails', 'anyone watched the game last night'];

function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const countHandles = (): Map<string, number> => {
  const m = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) m.set(r, (m.get(r) ?? 0) + 1);
  return m;
};
const show = (m: Map<string, number>): string => [...m].sort().map(([k, v]) => `${k}×${v}`).join(' ') || 'none';

/** Feed f at simulated time t: its last WINDOW items; feeds 0, 10, 20... fail once a day for 40 min, then serve junk for 20. */
function feedServer(feeds: number, perFeedPerDay: number, clock: () => number): { server: Server; published: () => number } {
  const spacing = 86_400_000 / perFeedPerDay;
  const failingAt = (f: number): number => DAY_START + ((f * 7919) % 20) * 3_600_000 + 1_800_000;
  const server = createServer((req, res) => {
    const f = Number(/\/feed\/(\d+)/.exec(req.url ?? '')?.[1] ?? -1);
    const t = clock();
    if (f % 10 === 0) {
      const since = t - failingAt(f);
      if (since >= 0 && since < 40 * 60_000) return void res.writeHead(503).end('maintenance');
      if (since >= 40 * 60_000 && since < 60 * 60_000) return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>We will be back</body></html>');
    }
    const last = Math.floor((t - DAY_START) / spacing);
    const items: string[] = [];
    for (let j = Math.max(0, last - WINDOW + 1); j <= last; j++) {
      const phrase = (PHRASES[(j * 31 + f) % PHRASES.length] as string).replace('{b}', BRANDS[(j + f) % BRANDS.length] as string);
      const at = new Date(DAY_START + j * spacing).toUTCString();
      items.push(`<item><guid>urn:soak:${f}:${j}</guid><title>${phrase} #${j}</title><link>https://soak.example/${f}/${j}</link><description>${phrase}, post ${j} of feed ${f}</description><pubDate>${at}</pubDate></item>`);
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>feed ${f}</title>${items.join('')}</channel></rss>`);
  });
  return { server, published: () => feeds * (Math.floor((clock() - DAY_START) / spacing) + 1) };
}

function countingSink(counter: { alerts: number }): ChatSink {
  const ok = () => Promise.resolve({});
  return {
    name: 'soak',
    health: () => ({ failingChannels: [] }),
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    sendAlert: () => (counter.alerts++, ok()),
    sendUpdate: () => (counter.alerts++, ok()),
    sendDigest: ok,
    sendNotice: ok,
    findDelivered: () => Promise.resolve(undefined),
  };
}

export async function benchSoak(opts: { feeds: number; items: number; hours?: number }): Promise<SoakRow> {
  const HOURS = opts.hours ?? 24;
  const gc = gcFunction();
  gc();
  const handlesBefore = countHandles();
  let now = DAY_START;
  const perFeedPerDay = Math.max(1, Math.round(opts.items / opts.feeds));
  const { server, published } = feedServer(opts.feeds, perFeedPerDay, () => now);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bot = tempBot({
    brands: BRANDS.map((name) => ({ name })),
    sources: { feeds: Array.from({ length: opts.feeds }, (_, f) => ({ id: `soak-${f}`, url: `${base}/feed/${f}`, intervalSeconds: 300 })) },
    settings: {},
  });
  const counter = { alerts: 0 };
  const start = (): Promise<App> => buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink: countingSink(counter), demo: false });
  const t0 = performance.now();
  let app = await start();
  let ticks = 0;
  let restarts = 0;
  let stored = 0;
  let mentions = 0;
  let failures = 0;
  const heap: number[] = [];
  for (let hour = 0; hour < HOURS; hour++) {
    if (hour > 0 && hour % 6 === 0) {
      await app.close();
      app = await start();
      restarts++;
    }
    for (let m = 0; m < 60; m++) {
      now += TICK_MS;
      const r = await app.tick(new Date(now));
      ticks++;
      stored += r.newItems;
      mentions += r.mentions;
      failures += r.failed.length;
    }
    gc();
    heap.push(process.memoryUsage().heapUsed);
    if (process.env.BENCH_PROGRESS === '1') process.stderr.write(`soak: hour ${hour + 1}/${HOURS}, ${stored} items, heap ${Math.round((heap.at(-1) ?? 0) / 1e6)} MB, ${Math.round((performance.now() - t0) / 1000)} s\n`);
  }
  const rssEnd = process.memoryUsage().rss;
  await app.close();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(bot.root, { recursive: true, force: true });
  // let closing handles finish closing (a few event-loop turns, at most 1 s) before counting what is still open
  const beyond = (after: Map<string, number>) => new Map([...after].filter(([k, v]) => v > (handlesBefore.get(k) ?? 0)).map(([k, v]) => [k, v - (handlesBefore.get(k) ?? 0)]));
  for (let i = 0; i < 100 && beyond(countHandles()).size > 0; i++) await new Promise((r) => setTimeout(r, 10));
  gc();
  const handlesAfter = countHandles();
  const leak = beyond(handlesAfter);
  const warm = heap[WARMUP_HOURS - 1] ?? 0;
  const end = heap.at(-1) ?? 0;
  const itemsAfterWarmup = stored * ((HOURS - WARMUP_HOURS) / HOURS);
  return {
    feeds: opts.feeds,
    simulatedHours: HOURS,
    ticks,
    restarts,
    itemsPublished: published(),
    itemsStored: stored,
    mentions,
    feedFailures: failures,
    alertsDelivered: counter.alerts,
    wallSeconds: Math.round((performance.now() - t0) / 1000),
    heapAfterWarmupMB: Math.round(warm / 1e6),
    heapEndMB: Math.round(end / 1e6),
    heapGrowthPct: `${(((end - warm) / warm) * 100).toFixed(1)} %`,
    heapPer100kItemsMB: ((end - warm) / 1e6 / (itemsAfterWarmup / 1e5)).toFixed(1),
    rssEndMB: Math.round(rssEnd / 1e6),
    handlesBefore: show(handlesBefore),
    handlesAfter: show(handlesAfter),
    handleLeak: leak.size === 0 ? 'none' : show(leak),
  };
}
