import { gzipSync, brotliCompressSync, deflateRawSync, deflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { fetchUrl } from '../../src/net/fetch-url.js';
import {
  FetchAbortedError,
  FetchNetworkError,
  FetchStatusError,
  FetchTimeoutError,
  FetchTooLargeError,
  TooManyRedirectsError,
} from '../../src/net/fetch-errors.js';
import { startFeedServer } from '../support/feed-server.js';
import type { FeedServer } from '../support/feed-server.js';
import { until } from '../support/until.js';

const UA = 'brand-listening-bot/test';
let srv: FeedServer;
beforeEach(async () => {
  srv = await startFeedServer();
});
afterEach(async () => {
  await srv.close();
});

describe('fetchUrl conditional GET', () => {
  it('sends If-None-Match only once an ETag is known and treats 304 as success', async () => {
    srv.route('/f', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.statusCode = 304;
        res.end();
        return;
      }
      res.setHeader('etag', '"v1"');
      res.end('<rss/>');
    });
    const first = await fetchUrl(`${srv.url}/f`, { userAgent: UA, etag: '' });
    expect(first).toMatchObject({ status: 200, body: '<rss/>', etag: '"v1"' });
    expect(srv.requests[0]?.headers['if-none-match']).toBeUndefined();
    expect(srv.requests[0]?.headers['user-agent']).toBe(UA);
    const etag = first.status === 200 ? first.etag : undefined;
    const second = await fetchUrl(`${srv.url}/f`, { userAgent: UA, ...(etag ? { etag } : {}) });
    expect(second).toEqual({ status: 304, finalUrl: `${srv.url}/f` });
  });

  it('sends If-Modified-Since from Last-Modified and never an empty one', async () => {
    const lm = 'Mon, 03 Apr 2023 01:02:03 GMT';
    srv.route('/f', (req, res) => {
      if (req.headers['if-modified-since'] === lm) {
        res.statusCode = 304;
        res.end();
        return;
      }
      res.setHeader('last-modified', lm);
      res.end('<rss/>');
    });
    const first = await fetchUrl(`${srv.url}/f`, { userAgent: UA, lastModified: '' });
    expect(first).toMatchObject({ status: 200, lastModified: lm });
    expect('if-modified-since' in (srv.requests[0]?.headers ?? {})).toBe(false);
    const second = await fetchUrl(`${srv.url}/f`, { userAgent: UA, lastModified: lm });
    expect(second.status).toBe(304);
  });

  it('rejects other statuses with FetchStatusError carrying the status', async () => {
    srv.route('/gone', { status: 410, body: 'gone' });
    const err = await fetchUrl(`${srv.url}/gone`, { userAgent: UA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchStatusError);
    expect((err as FetchStatusError).status).toBe(410);
    expect((err as FetchStatusError).url).toBe(`${srv.url}/gone`);
  });
});

describe('fetchUrl deadline and abort', () => {
  it('times out on a server that never answers and closes the socket', async () => {
    srv.route('/hang', { hang: true });
    const started = Date.now();
    await expect(fetchUrl(`${srv.url}/hang`, { userAgent: UA, timeoutMs: 200 })).rejects.toBeInstanceOf(FetchTimeoutError);
    expect(Date.now() - started).toBeLessThan(1500);
    await srv.waitForNoSockets(1000);
    expect(srv.openSockets()).toBe(0);
  });

  it('times out when the body stalls after the headers (total deadline, not idle timeout)', async () => {
    srv.route('/stall', { stallAfterHeaders: true, body: 'x'.repeat(100), headers: { 'content-length': '100' } });
    await expect(fetchUrl(`${srv.url}/stall`, { userAgent: UA, timeoutMs: 200 })).rejects.toBeInstanceOf(FetchTimeoutError);
    await srv.waitForNoSockets(1000);
  });

  it('aborts with FetchAbortedError when the caller signal fires', async () => {
    srv.route('/hang', { hang: true });
    const ctl = new AbortController();
    const pending = fetchUrl(`${srv.url}/hang`, { userAgent: UA, signal: ctl.signal });
    const sent = srv.requests.length;
    await until(() => srv.requests.length > sent, { what: 'the request to reach the server' }); // then abort it in flight
    ctl.abort();
    await expect(pending).rejects.toBeInstanceOf(FetchAbortedError);
    await srv.waitForNoSockets(1000);
  });
});

describe('fetchUrl redirects', () => {
  function chain(n: number): void {
    for (let i = 0; i < n; i++) srv.route(`/r${i}`, { status: 302, headers: { location: `/r${i + 1}` } });
    srv.route(`/r${n}`, { body: 'end' });
  }
  it('follows 5 redirects (relative Location) and reports the final URL', async () => {
    chain(5);
    const res = await fetchUrl(`${srv.url}/r0`, { userAgent: UA });
    expect(res).toMatchObject({ status: 200, body: 'end', finalUrl: `${srv.url}/r5` });
  });
  it('refuses the 6th redirect', async () => {
    chain(6);
    await expect(fetchUrl(`${srv.url}/r0`, { userAgent: UA })).rejects.toBeInstanceOf(TooManyRedirectsError);
    expect(srv.requests).toHaveLength(6);
  });
  it('resolves a path-relative Location against the current URL', async () => {
    srv.route('/a/b/feed', { status: 301, headers: { location: '../c/feed.xml?x=1' } });
    srv.route('/a/c/feed.xml', { body: 'moved' });
    const res = await fetchUrl(`${srv.url}/a/b/feed`, { userAgent: UA });
    expect(res).toMatchObject({ body: 'moved', finalUrl: `${srv.url}/a/c/feed.xml?x=1` });
  });
});

describe('fetchUrl body cap', () => {
  it('refuses up front when Content-Length exceeds maxBytes', async () => {
    srv.route('/big', { body: 'x'.repeat(2000) });
    await expect(fetchUrl(`${srv.url}/big`, { userAgent: UA, maxBytes: 1000 })).rejects.toBeInstanceOf(FetchTooLargeError);
  });
  it('aborts a chunked body once it exceeds maxBytes', async () => {
    srv.route('/chunked', { body: 'y'.repeat(5000), chunkSize: 500 });
    await expect(fetchUrl(`${srv.url}/chunked`, { userAgent: UA, maxBytes: 1000 })).rejects.toBeInstanceOf(FetchTooLargeError);
    const ok = await fetchUrl(`${srv.url}/chunked`, { userAgent: UA, maxBytes: 5000 });
    expect(ok.status === 200 && ok.body.length).toBe(5000);
    expect(srv.requests[1]?.headers['content-length']).toBeUndefined();
  });
  it('applies the cap to the decompressed size of raw deflate too', async () => {
    srv.route('/raw', { body: deflateRawSync(Buffer.alloc(200_000, 0x20)), headers: { 'content-encoding': 'deflate' } });
    await expect(fetchUrl(`${srv.url}/raw`, { userAgent: UA, maxBytes: 50_000 })).rejects.toBeInstanceOf(FetchTooLargeError);
  });
  it('reports a corrupt compressed body as FetchNetworkError', async () => {
    srv.route('/corrupt', { body: Buffer.from('definitely not gzip'), headers: { 'content-encoding': 'gzip' } });
    await expect(fetchUrl(`${srv.url}/corrupt`, { userAgent: UA })).rejects.toBeInstanceOf(FetchNetworkError);
  });
  it('applies the cap to the decompressed size (gzip bomb)', async () => {
    srv.route('/bomb', { body: gzipSync(Buffer.alloc(200_000, 0x20)), headers: { 'content-encoding': 'gzip' } });
    await expect(fetchUrl(`${srv.url}/bomb`, { userAgent: UA, maxBytes: 50_000 })).rejects.toBeInstanceOf(FetchTooLargeError);
  });
});

describe('fetchUrl decompression', () => {
  const text = `<rss version="2.0"><channel><title>Café</title>${'<item><title>x</title></item>'.repeat(3000)}</channel></rss>`;
  it.each([
    ['gzip', 'gzip', gzipSync],
    ['deflate (zlib)', 'deflate', deflateSync],
    ['deflate (raw)', 'deflate', deflateRawSync],
    ['br', 'br', brotliCompressSync],
  ] as const)('decodes %s and advertises it', async (_label, encoding, compress) => {
    srv.route('/z', { body: compress(Buffer.from(text)), headers: { 'content-encoding': encoding } });
    const res = await fetchUrl(`${srv.url}/z`, { userAgent: UA });
    expect(res.status === 200 && res.body).toBe(text);
    expect(srv.requests[0]?.headers['accept-encoding']).toContain(encoding);
  });
});

describe('fetchUrl charsets', () => {
  it('decodes windows-1252 named in Content-Type (0x80 -> €, 0x93/0x94 -> curly quotes)', async () => {
    const body = Buffer.concat([Buffer.from('<t>'), Buffer.from([0x80, 0x20, 0x93, 0x68, 0x69, 0x94]), Buffer.from('</t>')]);
    srv.route('/w', { body, headers: { 'content-type': 'text/xml; charset=windows-1252' } });
    const res = await fetchUrl(`${srv.url}/w`, { userAgent: UA });
    expect(res.status === 200 && res.body).toBe('<t>€ “hi”</t>');
  });
  it('decodes ISO-8859-1 declared only in the XML prolog', async () => {
    const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><t>Crème brûlée</t>';
    srv.route('/l', { body: iconv.encode(xml, 'latin1'), headers: { 'content-type': 'application/xml' } });
    const res = await fetchUrl(`${srv.url}/l`, { userAgent: UA });
    expect(res.status === 200 && res.body).toBe(xml);
  });
  it('honours a UTF-8 BOM and strips it', async () => {
    srv.route('/b', { body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<t>naïve</t>')]) });
    const res = await fetchUrl(`${srv.url}/b`, { userAgent: UA });
    expect(res.status === 200 && res.body).toBe('<t>naïve</t>');
  });
  it('lets the Content-Type charset override the prolog', async () => {
    const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><t>ü</t>';
    srv.route('/o', { body: Buffer.from(xml, 'utf8'), headers: { 'content-type': 'text/xml; charset="utf-8"' } });
    const res = await fetchUrl(`${srv.url}/o`, { userAgent: UA });
    expect(res.status === 200 && res.body).toBe(xml);
  });
});
