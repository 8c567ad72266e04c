import type { LookupFunction } from 'node:net';
import { AddressRefusedError, guardedLookup, isPublicAddress, refusedLiteral } from './address-policy.js';
import type { AddressPolicy, ResolveHost } from './address-policy.js';
import { decodeBody } from './charset.js';
import {
  FetchAbortedError,
  FetchError,
  FetchNetworkError,
  FetchStatusError,
  FetchTimeoutError,
  ForbiddenAddressError,
  TooManyRedirectsError,
  UnsupportedUrlError,
} from './fetch-errors.js';
import { readFileUrl } from './fetch-file.js';
import { isRedirect, requestHop } from './http-hop.js';
import type { HopResult } from './http-hop.js';
import { ACCEPT_ENCODING } from './read-capped.js';

export interface FetchOptions {
  /** validator of the previous 200, sent as If-None-Match when non-empty */
  etag?: string;
  /** sent as If-Modified-Since when non-empty */
  lastModified?: string;
  /** total deadline for all hops and the body (default 15000) */
  timeoutMs?: number;
  /** cap on the (decompressed) body (default 5 MiB) */
  maxBytes?: number;
  /** default 5 */
  maxRedirects?: number;
  /** refuse non-public addresses on every hop, and file: URLs (default false) */
  publicOnly?: boolean;
  userAgent: string;
  signal?: AbortSignal;
  /** which addresses count as public when publicOnly (default: global unicast only). Injectable for tests. */
  addressPolicy?: AddressPolicy;
  /** how host names are resolved before the address check when publicOnly (default: dns.lookup). Injectable for tests. */
  resolveHost?: ResolveHost;
}

export type FetchResult =
  | { status: 200; body: string; finalUrl: string; etag?: string; lastModified?: string; contentType?: string }
  | { status: 304; finalUrl: string };

export const FETCH_DEFAULTS = { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 } as const;

const ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

function parseUrl(raw: string, base?: string): URL {
  try {
    return new URL(raw, base);
  } catch (err) {
    throw new UnsupportedUrlError(`Invalid URL "${raw}"`, raw, { cause: err });
  }
}

function headerOf(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v === '' ? undefined : v;
}

/**
 * GET a URL (http, https or file) with conditional headers, a total deadline that destroys the connection, a body cap,
 * bounded redirects, decompression, charset decoding and, with publicOnly, an address check at connect time on every hop.
 * Rejects only with FetchError subclasses.
 */
export async function fetchUrl(url: string, opts: FetchOptions): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline.signal]) : deadline.signal;
  try {
    return await fetchWithin(url, opts, signal);
  } catch (err) {
    if (deadline.signal.aborted) throw new FetchTimeoutError(url, timeoutMs);
    if (opts.signal?.aborted) throw new FetchAbortedError(url, opts.signal.reason);
    if (err instanceof FetchError) throw err;
    throw new FetchNetworkError(`Fetching ${url} failed: ${(err as Error).message}`, url, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

async function fetchWithin(url: string, opts: FetchOptions, signal: AbortSignal): Promise<FetchResult> {
  const maxBytes = opts.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const maxRedirects = opts.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  const policy = opts.addressPolicy ?? isPublicAddress;
  const lookup = opts.publicOnly ? (guardedLookup(policy, opts.resolveHost) as unknown as LookupFunction) : undefined;
  let current = parseUrl(url);
  if (current.protocol === 'file:') {
    if (opts.publicOnly) throw new UnsupportedUrlError(`file: URLs are refused when publicOnly (${url})`, url);
    const body = await readFileUrl(current, maxBytes, signal);
    return { status: 200, body: decodeBody(body, undefined), finalUrl: current.href };
  }
  const headers: Record<string, string> = { 'user-agent': opts.userAgent, accept: ACCEPT, 'accept-encoding': ACCEPT_ENCODING };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;

  for (let redirects = 0; ; redirects++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') {
      throw new UnsupportedUrlError(`Unsupported URL scheme ${current.protocol} (${current.href})`, current.href);
    }
    if (opts.publicOnly) {
      const bad = refusedLiteral(current.hostname, policy);
      if (bad !== undefined) throw new ForbiddenAddressError(current.href, bad);
    }
    const res = await hop(current, { headers, maxBytes, signal, ...(lookup ? { lookup } : {}) });
    if (res.status === 304) return { status: 304, finalUrl: current.href };
    if (isRedirect(res.status)) {
      const location = headerOf(res.headers.location);
      if (location === undefined) throw new FetchStatusError(current.href, res.status);
      if (redirects >= maxRedirects) throw new TooManyRedirectsError(url, maxRedirects);
      current = parseUrl(location, current.href);
      continue;
    }
    if (res.status < 200 || res.status >= 300 || !res.body) throw new FetchStatusError(current.href, res.status);
    const contentType = headerOf(res.headers['content-type']);
    const etag = headerOf(res.headers.etag);
    const lastModified = headerOf(res.headers['last-modified']);
    return {
      status: 200,
      body: decodeBody(res.body, contentType),
      finalUrl: current.href,
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
      ...(contentType ? { contentType } : {}),
    };
  }
}

async function hop(url: URL, opts: Parameters<typeof requestHop>[1]): Promise<HopResult> {
  try {
    return await requestHop(url, opts);
  } catch (err) {
    if (err instanceof AddressRefusedError) throw new ForbiddenAddressError(url.href, err.address);
    if (err instanceof FetchError || opts.signal.aborted) throw err;
    throw new FetchNetworkError(`Fetching ${url.href} failed: ${(err as Error).message}`, url.href, { cause: err });
  }
}
