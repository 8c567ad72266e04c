import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { fetchUrl } from '../../src/net/fetch-url.js';
import { isPublicAddress } from '../../src/net/address-policy.js';
import { FetchNetworkError, FetchTooLargeError, ForbiddenAddressError, UnsupportedUrlError } from '../../src/net/fetch-errors.js';
import { startFeedServer } from '../support/feed-server.js';
import type { FeedServer } from '../support/feed-server.js';

const UA = 'brand-listening-bot/test';
let srv: FeedServer;
let dir: string;
beforeAll(async () => {
  srv = await startFeedServer({ '/feed': { body: '<rss/>' } });
  dir = await mkdtemp(join(tmpdir(), 'fetch-file-'));
});
afterAll(async () => {
  await srv.close();
  await rm(dir, { recursive: true, force: true });
});

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1', '127.0.0.2', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1',
    '::1', '::', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'fc00::1', 'fd12:3456::1', 'fe80::1', '224.0.0.1', 'not-an-ip',
  ])('refuses %s', (ip) => expect(isPublicAddress(ip)).toBe(false));
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])('accepts %s', (ip) =>
    expect(isPublicAddress(ip)).toBe(true),
  );
});

describe('fetchUrl publicOnly', () => {
  const refuse = async (url: string): Promise<void> => {
    const before = srv.requests.length;
    await expect(fetchUrl(url, { userAgent: UA, publicOnly: true })).rejects.toBeInstanceOf(ForbiddenAddressError);
    expect(srv.requests.length).toBe(before);
  };
  it('refuses IP literals: loopback, IPv4-mapped loopback, private, metadata, 0.0.0.0', async () => {
    await refuse(`${srv.url}/feed`);
    await refuse(`http://[::ffff:127.0.0.1]:${srv.port}/feed`);
    await refuse('http://10.0.0.1/feed');
    await refuse('http://169.254.169.254/latest/meta-data/');
    await refuse(`http://0.0.0.0:${srv.port}/feed`);
    await refuse(`http://[::1]:${srv.port}/feed`);
  });
  it('refuses a host name that resolves to loopback (checked at connect time)', async () => {
    await refuse(`http://localhost:${srv.port}/feed`);
  });
  it('the same URLs succeed without publicOnly', async () => {
    await expect(fetchUrl(`${srv.url}/feed`, { userAgent: UA })).resolves.toMatchObject({ status: 200 });
  });
  it('checks every redirect hop: an allowed first hop redirecting to another loopback address is refused', async () => {
    // Test policy: 127.0.0.1 plays the role of a public host; everything else uses the real rule.
    const addressPolicy = (ip: string): boolean => ip === '127.0.0.1' || isPublicAddress(ip);
    srv.route('/to-loopback', { status: 302, headers: { location: `http://127.0.0.2:${srv.port}/feed` } });
    srv.route('/to-metadata', { status: 307, headers: { location: 'http://169.254.169.254/latest/' } });
    const opts = { userAgent: UA, publicOnly: true, addressPolicy };
    await expect(fetchUrl(`${srv.url}/feed`, opts)).resolves.toMatchObject({ status: 200 });
    for (const path of ['/to-loopback', '/to-metadata']) {
      const err = await fetchUrl(`${srv.url}${path}`, opts).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ForbiddenAddressError);
      // the first hop was really fetched; only the redirect target was refused
      expect(srv.requests.at(-1)?.path).toBe(path);
    }
  });
  it('refuses file: URLs', async () => {
    await expect(fetchUrl(pathToFileURL(join(dir, 'x.xml')).href, { userAgent: UA, publicOnly: true })).rejects.toBeInstanceOf(
      UnsupportedUrlError,
    );
  });
  it('refuses other schemes, also as a redirect target', async () => {
    srv.route('/to-file', { status: 302, headers: { location: 'file:///etc/passwd' } });
    await expect(fetchUrl('ftp://example.com/feed', { userAgent: UA })).rejects.toBeInstanceOf(UnsupportedUrlError);
    await expect(fetchUrl(`${srv.url}/to-file`, { userAgent: UA })).rejects.toBeInstanceOf(UnsupportedUrlError);
    await expect(fetchUrl('not a url', { userAgent: UA })).rejects.toBeInstanceOf(UnsupportedUrlError);
  });
});

describe('fetchUrl file:', () => {
  it('reads a local file with prolog charset detection', async () => {
    const xml = '<?xml version="1.0" encoding="windows-1252"?><t>€ “q”</t>';
    const path = join(dir, 'w.xml');
    await writeFile(path, iconv.encode(xml, 'windows-1252'));
    const res = await fetchUrl(pathToFileURL(path).href, { userAgent: UA });
    expect(res).toMatchObject({ status: 200, body: xml, finalUrl: pathToFileURL(path).href });
  });
  it('applies the size cap and reports a missing file as FetchNetworkError', async () => {
    const path = join(dir, 'big.xml');
    await writeFile(path, 'x'.repeat(3000));
    await expect(fetchUrl(pathToFileURL(path).href, { userAgent: UA, maxBytes: 1000 })).rejects.toBeInstanceOf(FetchTooLargeError);
    await expect(fetchUrl(pathToFileURL(join(dir, 'nope.xml')).href, { userAgent: UA })).rejects.toBeInstanceOf(FetchNetworkError);
  });
});
