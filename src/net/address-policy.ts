import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

/** Decides whether an IP address may be connected to. */
export type AddressPolicy = (ip: string) => boolean;

/**
 * True only for global unicast addresses. IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged as its IPv4 address, so
 * loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16, incl. the 169.254.169.254 metadata
 * address), 0.0.0.0, CGNAT, multicast, reserved, ::1, fc00::/7 and fe80::/10 are all refused.
 */
export const isPublicAddress: AddressPolicy = (ip) => {
  if (!ipaddr.isValid(ip)) return false;
  let addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  }
  return addr.range() === 'unicast';
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

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net.connect that checks every resolved address at connect time (so a DNS answer cannot be swapped
 * between a check and the connection: DNS-rebinding safe).
 */
export function guardedLookup(policy: AddressPolicy) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const bad = addresses.find((a) => !policy(a.address));
      if (bad) return callback(new AddressRefusedError(bad.address), []);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new AddressRefusedError('(none)'), []);
      callback(null, first.address, first.family);
    });
  };
}
