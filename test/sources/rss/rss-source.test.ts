import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRssSource } from '../../../src/sources/rss/rss-source.js';
import { FeedParseError } from '../../../src/sources/rss/feed-errors.js';
import { FetchAbortedError, FetchStatusError, ForbiddenAddressError } from '../../../src/net/fetch-errors.js';
import { startFeedServer } from '../../support/feed-server.js';
import type { FeedServer } from '../../support/feed-server.js';
import { until } from '../../support/until.js';
import { generateRssXml } from '../../../bench/parse-bench.js';

const UA = 'brand-listening-bot/test';
const now = new Date('2026-11-23T12:00:00Z');
let srv: FeedServer;
beforeEach(async () => {
  srv = await startFeedServer();
});
afterEach(async () => {
  await srv.close();
});

const ctx = (state: Record<string, unknown> = {}, signal = new AbortController().signal) => ({ now, signal, state });

describe('createRssSource', () => {
  it('polls, stamps items with its id and kind, then answers notModified with the stored validators', async () => {
    const xml = generateRssXml(5, 1);
    srv.route('/feed', (req, res) => {
      if (req.headers['if-none-match'] === 'W/"abc"' && req.headers['if-modified-since'] === 'Tue, 01 Jan 2030 00:00:00 GMT') {
        res.statusCode = 304;
        res.end();
        return;
      }
      res.setHeader('etag', 'W/"abc"');
      res.setHeader('last-modified', 'Tue, 01 Jan 2030 00:00:00 GMT');
      res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
      res.end(xml);
    });
    const source = createRssSource({ id: 'news', url: `${srv.url}/feed?token=secret`, intervalSeconds: 300, userAgent: UA });
    expect(source).toMatchObject({ id: 'news', kind: 'rss', intervalSeconds: 300 });
    expect(source.describe).not.toContain('secret');
    const first = await source.poll(ctx());
    expect(first.items).toHaveLength(5);
    expect(first.items[0]).toMatchObject({ sourceId: 'news', sourceKind: 'rss' });
    expect(first.items.every((i) => i.title && i.link?.startsWith('https://') && i.publishedAt)).toBe(true);
    expect(first.state).toEqual({ etag: 'W/"abc"', lastModified: 'Tue, 01 Jan 2030 00:00:00 GMT' });
    expect(first.notModified).toBeFalsy();
    const second = await source.poll(ctx(first.state));
    expect(second).toEqual({ items: [], state: first.state, notModified: true });
  });

  it('ignores a malformed stored state instead of sending it', async () => {
    srv.route('/feed', { body: generateRssXml(1) });
    const source = createRssSource({ id: 's', url: `${srv.url}/feed`, intervalSeconds: 60, userAgent: UA });
    await source.poll(ctx({ etag: 42, lastModified: ['x'] }));
    expect(srv.requests[0]?.headers['if-none-match']).toBeUndefined();
    expect(srv.requests[0]?.headers['if-modified-since']).toBeUndefined();
  });

  it('recovers a damaged feed (BOM, HTML entities, bare &, cut mid-item) and returns the repairs as warnings', async () => {
    const xml = generateRssXml(3, 5);
    const cut = xml.slice(0, xml.lastIndexOf('<title>') + 12).replace('<item><title>', '<item><title>AT&T &check; ');
    srv.route('/damaged', { body: `\uFEFF${cut}`, headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
    const source = createRssSource({ id: 'd', url: `${srv.url}/damaged`, intervalSeconds: 60, userAgent: UA });
    const res = await source.poll(ctx());
    expect(res.items).toHaveLength(2);
    expect(res.items[0]?.title).toMatch(/^AT&T ✓ \w/);
    expect(res.items.every((i) => i.sourceId === 'd' && i.link?.startsWith('https://') && i.publishedAt)).toBe(true);
    expect(res.warnings).toEqual([
      'repaired 2 invalid entities (1 HTML named, 1 bare & or unknown)',
      'feed truncated after 2 items: the document ends before its root element is closed',
    ]);
  });

  it('propagates typed errors: status, parse, publicOnly, abort', async () => {
    srv.route('/500', { status: 500 });
    srv.route('/html', { body: '<html><body>hi</body></html>' });
    srv.route('/hang', { hang: true });
    const make = (path: string, publicOnly = false) =>
      createRssSource({ id: 's', url: `${srv.url}${path}`, intervalSeconds: 60, userAgent: UA, publicOnly, timeoutMs: 5000 });
    await expect(make('/500').poll(ctx())).rejects.toBeInstanceOf(FetchStatusError);
    await expect(make('/html').poll(ctx())).rejects.toBeInstanceOf(FeedParseError);
    await expect(make('/html', true).poll(ctx())).rejects.toBeInstanceOf(ForbiddenAddressError);
    const ctl = new AbortController();
    const sent = srv.requests.length;
    const pending = make('/hang').poll(ctx({}, ctl.signal));
    await until(() => srv.requests.length > sent, { what: 'the request to reach the server' }); // then abort it in flight
    ctl.abort();
    await expect(pending).rejects.toBeInstanceOf(FetchAbortedError);
    await srv.waitForNoSockets(1000);
  });
});
