import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { FetchNetworkError, FetchTooLargeError } from './fetch-errors.js';
import { InflateAuto } from './inflate-auto.js';

/** Reads a stream fully, destroying it as soon as more than maxBytes arrived. */
export async function readCapped(stream: Readable, maxBytes: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    total += buf.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new FetchTooLargeError(url, maxBytes);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, total);
}

/** The Accept-Encoding we send: everything decodeStream understands. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * Wraps a response body in the decompressor its Content-Encoding names (the size cap is then applied to the
 * decompressed bytes by the caller). Errors of either stream reach the returned one.
 */
export function decodeStream(res: Readable, contentEncoding: string | undefined, url: string): Readable {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  let decoder: zlib.Gunzip | InflateAuto | zlib.BrotliDecompress;
  if (encoding === '' || encoding === 'identity') return res;
  if (encoding === 'gzip' || encoding === 'x-gzip') decoder = zlib.createGunzip();
  else if (encoding === 'deflate') decoder = new InflateAuto();
  else if (encoding === 'br') decoder = zlib.createBrotliDecompress();
  else {
    res.destroy();
    throw new FetchNetworkError(`Unsupported Content-Encoding "${encoding}" from ${url}`, url);
  }
  return pipeline(res, decoder, () => {
    // errors surface through the decoder's iteration
  });
}
