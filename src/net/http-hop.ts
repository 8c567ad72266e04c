import http from 'node:http';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { LookupFunction } from 'node:net';
import { FetchTooLargeError } from './fetch-errors.js';
import { decodeStream, readCapped } from './read-capped.js';

export interface HopResult {
  status: number;
  headers: IncomingHttpHeaders;
  /** decompressed body, only for 2xx answers */
  body?: Buffer;
}

export interface HopOptions {
  headers: Record<string, string>;
  maxBytes: number;
  signal: AbortSignal;
  lookup?: LookupFunction;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
export const isRedirect = (status: number): boolean => REDIRECTS.has(status);

/**
 * One HTTP GET without following redirects. A fresh connection per request (no keep-alive pool), so aborting the
 * signal destroys the socket for real. Rejects with the raw error; the caller classifies it.
 */
export function requestHop(url: URL, opts: HopOptions): Promise<HopResult> {
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise<HopResult>((resolve, reject) => {
    const req = mod.request(url, {
      method: 'GET',
      headers: opts.headers,
      agent: false,
      signal: opts.signal,
      ...(opts.lookup ? { lookup: opts.lookup } : {}),
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        res.destroy();
        req.destroy();
        resolve({ status, headers: res.headers });
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        req.destroy();
        reject(new FetchTooLargeError(url.href, opts.maxBytes));
        return;
      }
      let stream;
      try {
        stream = decodeStream(res, res.headers['content-encoding'], url.href);
      } catch (err) {
        req.destroy();
        reject(err as Error);
        return;
      }
      readCapped(stream, opts.maxBytes, url.href).then(
        (body) => resolve({ status, headers: res.headers, body }),
        (err: unknown) => {
          req.destroy();
          reject(err as Error);
        },
      );
    });
    req.end();
  });
}
