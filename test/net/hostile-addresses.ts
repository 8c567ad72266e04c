/**
 * Generated hostile address forms for the SSRF tests: every non-public IPv4 target written in each way a URL or a
 * DNS answer can carry it (dotted, integer, hex, octal, short, IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo),
 * plus non-global IPv6 ranges.
 */
import net from 'node:net';

export const NON_PUBLIC_V4 = [
  '127.0.0.1', '127.0.0.2', '127.255.255.254', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.0.1',
  '169.254.169.254', '0.0.0.0', '0.1.2.3', '100.64.0.1', '100.127.255.254', '192.0.0.8', '192.0.2.1', '198.18.0.1',
  '198.51.100.7', '203.0.113.9', '192.88.99.1', '224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255',
];

export const NON_PUBLIC_V6 = [
  '::1', '::', 'fe80::1', 'fc00::1', 'fd00:ec2::254', 'fec0::1', 'ff02::1', '100::1', '2001:db8::1', '2001:2::1',
  '2001:10::1', '2001:20::1', '3fff::1', '5f00::1', '64:ff9b:1::a00:1', '::ffff:0:7f00:1',
];

export const PUBLIC = ['8.8.8.8', '93.184.216.34', '1.1.1.1', '2606:4700::1111', '2a00:1450:4001::200e'];

const octets = (ip: string): number[] => ip.split('.').map(Number);
const hex = (n: number): string => n.toString(16);
const words = (ip: string): [string, string] => {
  const [a = 0, b = 0, c = 0, d = 0] = octets(ip);
  return [hex((a << 8) | b), hex((c << 8) | d)];
};
const inverted = (ip: string): [string, string] => {
  const [a = 0, b = 0, c = 0, d = 0] = octets(ip);
  return [hex(~((a << 8) | b) & 0xffff), hex(~((c << 8) | d) & 0xffff)];
};

/** IPv6 addresses (no brackets) that embed a non-public IPv4 address. */
export function embeddingV6(ip: string): string[] {
  const [hi, lo] = words(ip);
  const [ihi, ilo] = inverted(ip);
  const [phi, plo] = words('8.8.8.8');
  const [pihi, pilo] = inverted('8.8.8.8');
  return [
    `::ffff:${ip}`,
    `::ffff:${hi}:${lo}`,
    `0:0:0:0:0:ffff:${ip}`,
    `::${ip}`, // IPv4-compatible
    `::${hi}:${lo}`,
    `64:ff9b::${ip}`, // NAT64
    `64:ff9b::${hi}:${lo}`,
    `2002:${hi}:${lo}::1`, // 6to4
    `2001:0:${hi}:${lo}::${pihi}:${pilo}`, // Teredo with a non-public server
    `2001:0:${phi}:${plo}:0:0:${ihi}:${ilo}`, // Teredo with a non-public client
  ];
}

/** URL host spellings of an IPv4 address that the WHATWG URL parser turns back into the address. */
function v4Spellings(ip: string): string[] {
  const [a = 0, b = 0, c = 0, d = 0] = octets(ip);
  const n = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
  return [ip, String(n), `0x${hex(n)}`, [a, b, c, d].map((o) => `0${o.toString(8)}`).join('.'), `${a}.${b}.${(c << 8) + d}`, `${ip}.`];
}

export interface HostileForm {
  url: string;
  /** the address a connection would go to */
  address: string;
}

/** Every hostile URL form, each with a distinct port or path so a leak would be visible. Only URLs that parse. */
export function hostileUrls(port: number): HostileForm[] {
  const forms: HostileForm[] = [];
  const add = (host: string, address: string, withPort: boolean): void => {
    const url = `http://${host}${withPort ? `:${port}` : ''}/feed?f=${forms.length}`;
    if (URL.canParse(url)) forms.push({ url, address });
  };
  NON_PUBLIC_V4.forEach((ip, i) => {
    for (const s of v4Spellings(ip)) add(s, ip, i % 2 === 0);
    for (const v6 of embeddingV6(ip)) add(`[${v6}]`, v6, i % 2 === 1);
  });
  NON_PUBLIC_V6.forEach((ip, i) => add(`[${ip}]`, ip, i % 2 === 0));
  return forms;
}

/** Every non-public address in canonical form, as a resolver could answer it. */
export function hostileAddresses(): string[] {
  const all = [...NON_PUBLIC_V4, ...NON_PUBLIC_V4.flatMap(embeddingV6), ...NON_PUBLIC_V6];
  return [...new Set(all)].filter((a) => net.isIP(a) !== 0);
}
