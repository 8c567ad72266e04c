import iconv from 'iconv-lite';

/** The charset parameter of a Content-Type header, when iconv-lite knows it. Tolerates quotes and spaces. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '');
  const name = m?.[1];
  return name && iconv.encodingExists(name) ? name.toLowerCase() : undefined;
}

const BOMS: readonly [number[], string][] = [
  [[0x00, 0x00, 0xfe, 0xff], 'utf-32be'],
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32le'],
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xfe, 0xff], 'utf-16be'],
  [[0xff, 0xfe], 'utf-16le'],
  // No BOM but "<?" in a wide encoding (XML 1.0 appendix F).
  [[0x00, 0x00, 0x00, 0x3c], 'utf-32be'],
  [[0x3c, 0x00, 0x00, 0x00], 'utf-32le'],
  [[0x00, 0x3c, 0x00, 0x3f], 'utf-16be'],
  [[0x3c, 0x00, 0x3f, 0x00], 'utf-16le'],
];

/** Encoding given by a byte order mark (or the wide-encoding signature of "<?"). */
export function charsetFromBom(body: Buffer): string | undefined {
  for (const [bytes, name] of BOMS) {
    if (bytes.every((b, i) => body[i] === b)) return name;
  }
  return undefined;
}

/** The encoding declared in the XML prolog (`<?xml version="1.0" encoding="..."?>`), when iconv-lite knows it. */
export function charsetFromXmlProlog(body: Buffer): string | undefined {
  const head = body.subarray(0, 512).toString('latin1');
  const m = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  const name = m?.[1];
  return name && iconv.encodingExists(name) ? name.toLowerCase() : undefined;
}

/**
 * Chooses the charset: Content-Type header, else byte order mark, else XML prolog, else UTF-8.
 * The BOM is checked before the prolog because a prolog in UTF-16/32 cannot even be read as ASCII, and the XML spec
 * lets a BOM override the declaration.
 */
export function detectCharset(body: Buffer, contentType: string | undefined): string {
  return charsetFromContentType(contentType) ?? charsetFromBom(body) ?? charsetFromXmlProlog(body) ?? 'utf-8';
}

/** Decodes bytes to text (BOM removed). */
export function decodeBody(body: Buffer, contentType: string | undefined): string {
  return iconv.decode(body, detectCharset(body, contentType));
}
