import { createHash, createHmac } from 'node:crypto';
import type { RawItem } from '../domain/types.js';

/** Query parameters that only track the reader; dropped from canonical links. `utm_*` is matched by prefix. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'msclkid', 'yclid', 'igshid', 'twclid', 'ttclid', 'li_fat_id',
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv',
  'wt_mc', 'wt.mc_id', 'ocid', 'cmpid', 's_cid', 'ref_src', 'ref_url', '__twitter_impression', 'spm',
]);

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || TRACKING_PARAMS.has(n);
}

/**
 * A link reduced to the form that identifies the page: http(s) only, lowercase scheme and host (by URL),
 * no credentials, default ports, fragment or tracking parameters, remaining parameters sorted, no trailing
 * slash. Undefined for anything that is not an http(s) URL.
 */
export function canonicalLink(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  const params = [...u.searchParams].filter(([k]) => !isTracking(k));
  params.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const search = params.length === 0 ? '' : `?${new URLSearchParams(params).toString()}`;
  const port = u.port === '80' || u.port === '443' ? '' : u.port;
  const host = u.hostname.replace(/\.$/, '') + (port ? `:${port}` : '');
  const path = u.pathname.replace(/\/+$/, '');
  return `${u.protocol}//${host}${path}${search}`;
}

/** canonicalLink without scheme and leading `www.`: http/https and www/bare variants share one key. */
export function linkIdentity(url: string): string | undefined {
  const c = canonicalLink(url);
  return c?.replace(/^https?:\/\//, '').replace(/^www\./, '');
}

const UUID = /^(urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `urn:…`, `tag:…`, `reddit:t3_…`: a scheme-qualified name its publisher promises is unique */
const SCHEMED = /^[a-z][a-z0-9+.-]*:\S+$/i;
const LONG_GUID = 32;

/** True when a guid is unique on its own (URL, URN, tag:, other `scheme:id`, UUID, or long), not only within its feed. */
export function isGlobalGuid(guid: string): boolean {
  return UUID.test(guid) || SCHEMED.test(guid) || (guid.length >= LONG_GUID && !/\s/.test(guid));
}

function hashKey(kind: string, material: string): string {
  return `${kind}_${createHash('sha256').update(material).digest('hex').slice(0, 32)}`;
}

function normaliseTitle(title: string): string {
  return title.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A stable item id, as `<kind>_<32 hex>`:
 * 1. `u_`: the link's identity, when the link points below a site's root, so the same article seen
 *    through two feeds (with different guids) gets one key;
 * 2. `u_`/`g_`: a guid that is a URL (as a link) or otherwise globally unique;
 * 3. `s_`: a feed-local guid, scoped by sourceId;
 * 4. `u_`: a bare homepage link (many feeds point every item there, so it ranks below guids);
 * 5. `h_`: sha256 of sourceId, normalised title and publishedAt.
 */
export function itemKey(item: RawItem): string {
  const link = item.link === undefined ? undefined : linkIdentity(item.link);
  if (link !== undefined && /[/?]/.test(link)) return hashKey('u', link);
  const guid = item.guid?.trim();
  if (guid) {
    const guidLink = /^https?:\/\//i.test(guid) ? linkIdentity(guid) : undefined;
    if (guidLink !== undefined) return hashKey('u', guidLink);
    if (isGlobalGuid(guid)) return hashKey('g', guid);
    return hashKey('s', `${item.sourceId}\n${guid}`);
  }
  if (link !== undefined) return hashKey('u', link);
  return hashKey('h', `${item.sourceId}\n${normaliseTitle(item.title)}\n${item.publishedAt ?? ''}`);
}

export class PseudonymKeyError extends Error {
  override readonly name = 'PseudonymKeyError';
  constructor() {
    super('author pseudonymisation needs a non-empty secret key');
  }
}

/**
 * Keyed, one-way author id: `a_` + the first 16 hex digits (64 bits) of HMAC-SHA256(key, author), with the
 * author trimmed, NFC-normalised and lowercased so `Alice` and `alice ` are one person. Without the key the
 * hash cannot be recomputed from a guessed name.
 */
export function pseudonymiseAuthor(author: string, key: string): string {
  if (key === '') throw new PseudonymKeyError();
  const normalised = author.trim().normalize('NFC').toLowerCase();
  return `a_${createHmac('sha256', key).update(normalised).digest('hex').slice(0, 16)}`;
}
