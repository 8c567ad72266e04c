import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

/** Decides whether an IP address may be connected to. */
export type AddressPolicy = (ip: string) => boolean;

type Range = [ipaddr.IPv4, number] | [ipaddr.IPv6, number];
const v4 = (cidr: string): [ipaddr.IPv4, number] => ipaddr.IPv4.parseCIDR(cidr);
const v6 = (cidr: string): [ipaddr.IPv6, number] => ipaddr.IPv6.parseCIDR(cidr);

/** IPv4 unicast space (classes A-C: 0.0.0.0-223.255.255.255); multicast 224/4 and reserved 240/4 are never public. */
const IPV4_UNICAST = ['0.0.0.0/1', '128.0.0.0/2', '192.0.0.0/3'].map(v4);
/** Inside it, the ranges of the IANA IPv4 special-purpose registry that are not globally reachable. */
const IPV4_SPECIAL = [
  '0.0.0.0/8', // "this network"
  '10.0.0.0/8',
  '100.64.0.0/10', // CGNAT
  '127.0.0.0/8',
  '169.254.0.0/16', // link-local, incl. the 169.254.169.254 metadata address
  '172.16.0.0/12',
  '192.0.0.0/24', // IETF protocol assignments
  '192.0.2.0/24', // TEST-NET-1
  '192.88.99.0/24', // 6to4 relay anycast (deprecated)
  '192.168.0.0/16',
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // TEST-NET-2
  '203.0.113.0/24', // TEST-NET-3
].map(v4);

/** IPv6 global unicast space. Everything outside it (::/8, fc00::/7, fe80::/10, ff00::/8, 64:ff9b:1::/48...) is refused. */
const IPV6_GLOBAL = [v6('2000::/3')];
/** Inside 2000::/3, ranges that are not globally reachable. 6to4 and Teredo are judged by their embedded IPv4 first. */
const IPV6_SPECIAL = [
  '2001::/23', // IETF protocol assignments (benchmarking 2001:2::/48, ORCHID 2001:10::/28, ORCHIDv2 2001:20::/28...)
  '2001:db8::/32', // documentation
  '3fff::/20', // documentation (RFC 9637)
].map(v6);

/** IPv6 ranges that carry an IPv4 address, and where it sits. Judged by the embedded address, not by ipaddr's label. */
const MAPPED = v6('::ffff:0:0/96');
const COMPATIBLE = v6('::/96'); // deprecated IPv4-compatible form: ::127.0.0.1 = ::7f00:1
const NAT64 = v6('64:ff9b::/96');
const SIX_TO_FOUR = v6('2002::/16');
const TEREDO = v6('2001::/32');

const inAny = (addr: ipaddr.IPv4 | ipaddr.IPv6, ranges: readonly Range[]): boolean =>
  ranges.some((r) => r[0].kind() === addr.kind() && addr.match(r));

function ipv4Of(hi: number, lo: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([(hi >> 8) & 0xff, hi & 0xff, (lo >> 8) & 0xff, lo & 0xff]);
}

const isGlobalIPv4 = (addr: ipaddr.IPv4): boolean => inAny(addr, IPV4_UNICAST) && !inAny(addr, IPV4_SPECIAL);

/** The IPv4 addresses an IPv6 address embeds (all must be public), or undefined when it embeds none. */
function embeddedIPv4(addr: ipaddr.IPv6): ipaddr.IPv4[] | undefined {
  const p = addr.parts;
  const at = (i: number): number => p[i] ?? 0;
  if (addr.match(MAPPED) || addr.match(COMPATIBLE) || addr.match(NAT64)) return [ipv4Of(at(6), at(7))];
  if (addr.match(SIX_TO_FOUR)) return [ipv4Of(at(1), at(2))];
  // Teredo: the server address in clear, the client address XOR-obfuscated in the last 32 bits
  if (addr.match(TEREDO)) return [ipv4Of(at(2), at(3)), ipv4Of(~at(6) & 0xffff, ~at(7) & 0xffff)];
  return undefined;
}

/**
 * True only for global unicast addresses (an allow-list): IPv4 unicast outside the special-purpose ranges (loopback,
 * private, link-local incl. the metadata address, 0/8, CGNAT, TEST-NETs, benchmarking...), IPv6 in 2000::/3 outside
 * its special ranges. An IPv6 address that embeds an IPv4 address (IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96,
 * NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo 2001::/32) is judged by the embedded address. Only canonical literals
 * (what net.isIP accepts) are judged; anything else, and zoned addresses (fe80::1%eth0), is refused.
 */
export const isPublicAddress: AddressPolicy = (ip) => {
  if (net.isIP(ip) === 0 || ip.includes('%')) return false;
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(ip);
  } catch {
    return false;
  }
  if (addr.kind() === 'ipv4') return isGlobalIPv4(addr as ipaddr.IPv4);
  const v6addr = addr as ipaddr.IPv6;
  const embedded = embeddedIPv4(v6addr);
  if (embedded) return embedded.every(isGlobalIPv4);
  return inAny(v6addr, IPV6_GLOBAL) && !inAny(v6addr, IPV6_SPECIAL);
};

/** Strips the brackets of an IPv6 literal host from a URL ("[::1]" -> "::1"). */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** Returns the offending address when the host is an IP literal the policy refuses, else undefined. */
export function refusedLiteral(hostname: string, policy: AddressPolicy): string | undefined {
  const host = bareHost(hostname);
  if (net.isIP(host) === 0) return undefined;
  return policy(host) ? undefined : host;
}

export class AddressRefusedError extends Error {
  constructor(readonly address: string) {
    super(`address ${address} refused by policy`);
    this.name = 'AddressRefusedError';
  }
}

/** Resolves a host name to every address it has (dns.lookup with all: true by default). Injectable for tests. */
export type ResolveHost = (hostname: string, options: dns.LookupOptions) => Promise<dns.LookupAddress[]>;

export const systemResolve: ResolveHost = (hostname, options) => dns.promises.lookup(hostname, { ...options, all: true });

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net.connect that checks every resolved address at connect time (so a DNS answer cannot be swapped
 * between a check and the connection: DNS-rebinding safe). One refused address refuses the host.
 */
export function guardedLookup(policy: AddressPolicy, resolve: ResolveHost = systemResolve) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, options).then(
      (addresses) => {
        const bad = addresses.find((a) => !policy(a.address));
        if (bad) return callback(new AddressRefusedError(bad.address), []);
        const first = addresses[0];
        if (!first) return callback(new AddressRefusedError('(none)'), []);
        if (options.all) return callback(null, addresses);
        callback(null, first.address, first.family);
      },
      (err: unknown) => callback(err as NodeJS.ErrnoException, []),
    );
  };
}
