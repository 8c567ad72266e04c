import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buildSample, type FeedName, type TimedSampleItem } from './sample-content.js';

export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Where the sample's items "live": one fixed address, not the server's (whose port changes at every start). An item's
 * link is its identity (src/matching/identity.ts), so a restart on the same data/ sees the history it already stored
 * instead of a second copy of it. `.invalid` is reserved: the address can never reach anyone.
 */
export const DEMO_ITEM_BASE = 'https://sample.brand-bot.invalid';

function rss(feed: FeedName, items: TimedSampleItem[], start: number, base: string): string {
  const entries = items
    .map((i) => {
      const date = new Date(start + i.offsetMs).toUTCString();
      const link = `${DEMO_ITEM_BASE}/posts/${i.id}`;
      return `<item><title>${esc(i.title)}</title><link>${link}</link><guid isPermaLink="true">${link}</guid><pubDate>${date}</pubDate><dc:creator>${esc(i.author)}</dc:creator><description>${esc(i.body)}</description></item>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Demo ${feed}</title><link>${base}</link><description>Sample feed for the offline demo</description>\n${entries}\n</channel></rss>`;
}

/**
 * A tiny feed server on 127.0.0.1 that publishes the bundled sample progressively: history at once, then one
 * live item every `revealEveryMs`. It answers conditional GETs with ETags like a well-behaved publisher.
 */
export async function startDemoServer(opts: { revealEveryMs: number; now?: () => number; port?: number }): Promise<DemoServer> {
  const now = opts.now ?? Date.now;
  const start = now();
  const sample = buildSample(opts.revealEveryMs);
  let base = '';
  const server: Server = createServer((req, res) => {
    const m = /^\/feeds\/(tech-news|consumer-forum|social)\.xml$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404).end('not found');
      return;
    }
    const feed = m[1] as FeedName;
    const elapsed = now() - start;
    const visible = sample.filter((i) => i.feed === feed && i.offsetMs <= elapsed).reverse();
    const body = rss(feed, visible.slice(0, 200), start, base);
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
