/**
 * SSRF regression (issue 12, item 1): more than 100 generated hostile URL forms, IPv4-compatible IPv6 among them, on
 * the three paths publicOnly guards: the literal check, the DNS lookup guard (injected resolver) and every redirect hop
 * (a local stand-in playing a public server). Connection attempts are counted at the socket ('connectionAttempt'), so
 * "0 attempts" means no TCP connect was even started to a refused address.
 */
import net from 'node:net';
import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchUrl } from '../../src/net/fetch-url.js';
import { isPublicAddress } from '../../src/net/address-policy.js';
import type { ResolveHost } from '../../src/net/address-policy.js';
import { ForbiddenAddressError } from '../../src/net/fetch-errors.js';
import { startFeedServer } from '../support/feed-server.js';
import type { FeedServer } from '../support/feed-server.js';
import { embeddingV6, hostileAddresses, hostileUrls, NON_PUBLIC_V4, NON_PUBLIC_V6, PUBLIC } from './hostile-addresses.js';

const UA = 'brand-listening-bot/test';
let srv: FeedServer;
const attempts: { ip: string; port: number }[] = [];
const originalEmit = net.Socket.prototype.emit;

beforeAll(async () => {
  srv = await startFeedServer({ '/feed': { body: '<rss/>' } });
  net.Socket.prototype.emit = function (this: net.Socket, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'connectionAttempt') attempts.push({ ip: String(args[0]), port: Number(args[1]) });
    return originalEmit.call(this, event, ...args);
  } as typeof originalEmit;
});
afterAll(async () => {
  net.Socket.prototype.emit = originalEmit;
  await srv.close();
});
beforeEach(() => {
  attempts.length = 0;
});

const family = (ip: string): number => net.isIP(ip);
const answering = (table: Record<string, string[]>, calls: string[]): ResolveHost => {
  return (hostname) => {
    calls.push(hostname);
    const ips = table[hostname];
    if (!ips) return Promise.reject(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    return Promise.resolve(ips.map((address): LookupAddress => ({ address, family: family(address) })));
  };
};

describe('isPublicAddress: an allow-list of global unicast, embedded IPv4 judged as IPv4', () => {
  it('refuses every non-public address and every IPv6 form that embeds one', () => {
    const refused = hostileAddresses();
    expect(refused.length).toBeGreaterThan(200);
    expect(refused.filter(isPublicAddress)).toEqual([]);
  });
  it('refuses the forms named in the issue', () => {
    for (const ip of ['::127.0.0.1', '::7f00:1', '::a9fe:a9fe', '::ffff:a9fe:a9fe', '64:ff9b::7f00:1', '2002:7f00:1::', '2002:a9fe:a9fe::1']) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });
  it('refuses non-canonical and zoned spellings it cannot judge safely', () => {
    for (const ip of ['127.1', '0x7f000001', '2130706433', '0177.0.0.1', 'fe80::1%eth0', '2606:4700::1111%1', '', 'localhost']) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });
  it('accepts global unicast, also when a public IPv4 is embedded', () => {
    const teredoPublic = '2001:0:808:808::f7f7:f7f7'; // server 8.8.8.8, client 8.8.8.8
    const accepted = [...PUBLIC, '::ffff:8.8.8.8', '::8.8.8.8', '64:ff9b::8.8.8.8', '2002:808:808::1', teredoPublic];
    expect(accepted.filter((ip) => !isPublicAddress(ip))).toEqual([]);
  });
  it('the generator covers every embedding for every IPv4 target', () => {
    expect(NON_PUBLIC_V4.flatMap(embeddingV6).length).toBe(NON_PUBLIC_V4.length * 10);
    expect(NON_PUBLIC_V6.length).toBeGreaterThan(10);
  });
});

describe('fetchUrl publicOnly: 0 connection attempts to hostile URL forms', () => {
  it('the counter sees a connection attempt when nothing guards it (control)', async () => {
    await expect(fetchUrl(`${srv.url}/feed`, { userAgent: UA })).resolves.toMatchObject({ status: 200 });
    expect(attempts).toEqual([{ ip: '127.0.0.1', port: srv.port }]);
    srv.requests.length = 0;
  });

  it('refuses more than 100 literal forms before connecting (literal check)', async () => {
    const forms = hostileUrls(srv.port);
    expect(forms.length).toBeGreaterThan(250);
    const leaked: string[] = [];
    for (const { url } of forms) {
      const err = await fetchUrl(url, { userAgent: UA, publicOnly: true, timeoutMs: 2000 }).catch((e: unknown) => e);
      if (!(err instanceof ForbiddenAddressError)) leaked.push(`${url}: ${String(err)}`);
    }
    expect(leaked).toEqual([]);
    expect(attempts).toEqual([]);
    expect(srv.requests).toEqual([]);
  });

  it('refuses a host name resolving to any hostile address, also among public ones (lookup guard)', async () => {
    const addresses = hostileAddresses();
    const table: Record<string, string[]> = { 'ipv4-compat.test': ['::7f00:1'], 'mixed.test': ['93.184.216.34', '::a9fe:a9fe'] };
    addresses.forEach((ip, i) => (table[`h${i}.hostile.test`] = [ip]));
    const calls: string[] = [];
    const resolveHost = answering(table, calls);
    const leaked: string[] = [];
    for (const host of Object.keys(table)) {
      const url = `http://${host}:${srv.port}/feed`;
      const err = await fetchUrl(url, { userAgent: UA, publicOnly: true, resolveHost, timeoutMs: 2000 }).catch((e: unknown) => e);
      if (!(err instanceof ForbiddenAddressError)) leaked.push(`${url}: ${String(err)}`);
    }
    expect(leaked).toEqual([]);
    expect(calls.length).toBe(addresses.length + 2); // every one went through the injected lookup
    expect(attempts).toEqual([]);
  });

  it('refuses every redirect hop to a hostile form; only the public-looking first hop is connected to', async () => {
    // Test policy: exactly 127.0.0.1 plays a public server; everything else is judged by the real rule.
    const addressPolicy = (ip: string): boolean => ip === '127.0.0.1' || isPublicAddress(ip);
    const resolveHost = answering({ 'rebind.test': ['::7f00:1'], 'meta.test': ['::ffff:169.254.169.254'] }, []);
    const targets = hostileUrls(srv.port)
      .map((f) => f.url)
      .filter((u) => new URL(u).hostname !== '127.0.0.1');
    targets.push(`http://rebind.test:${srv.port}/feed`, 'http://meta.test/latest/meta-data/');
    expect(targets.length).toBeGreaterThan(200);
    const leaked: string[] = [];
    for (const [i, target] of targets.entries()) {
      srv.route(`/r${i}`, { status: i % 2 ? 302 : 307, headers: { location: target } });
      const url = `${srv.url}/r${i}`;
      const err = await fetchUrl(url, { userAgent: UA, publicOnly: true, addressPolicy, resolveHost, timeoutMs: 2000 }).catch(
        (e: unknown) => e,
      );
      if (!(err instanceof ForbiddenAddressError)) leaked.push(`${target}: ${String(err)}`);
    }
    expect(leaked).toEqual([]);
    expect(srv.requests.map((r) => r.path)).toEqual(targets.map((_, i) => `/r${i}`));
    expect(attempts.filter((a) => a.ip !== '127.0.0.1' || a.port !== srv.port)).toEqual([]);
    expect(attempts.length).toBe(targets.length);
  });
});
