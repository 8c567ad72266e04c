import type { RedditClient, RequestContext } from './client.js';
import { RedditPayloadError, RedditStatusError } from './errors.js';

export interface ListingPage {
  /** children as plain JSON (snoowrap's objects turned back into Reddit's `data`) */
  children: unknown[];
  /** fullname to pass as `after` for the next (older) page; null at the end of the listing */
  after: string | null;
}

export type FetchPage = (after: string | undefined) => Promise<ListingPage>;

interface SnoowrapListing extends Array<unknown> {
  _query?: { after?: string | null };
}

const plain = (child: unknown): unknown =>
  child !== null && typeof child === 'object' && typeof (child as { toJSON?: unknown }).toJSON === 'function'
    ? (child as { toJSON: () => unknown }).toJSON()
    : child;

/** GET one page of a Listing through snoowrap (Bearer token, raw_json=1, budget and retries included). */
export async function fetchListing(client: RedditClient, uri: string, qs: Record<string, string | number | boolean>, ctx?: RequestContext): Promise<ListingPage> {
  let result: unknown;
  try {
    result = await client.getWithContext(uri, qs, ctx);
  } catch (e) {
    const err = e as { name?: string; statusCode?: number };
    if (err.name === 'StatusCodeError' && typeof err.statusCode === 'number') {
      throw new RedditStatusError(`Reddit answered ${err.statusCode} for /${uri}`, err.statusCode);
    }
    throw e;
  }
  // snoowrap turns a Listing into an Array subclass and keeps the paging cursor in a private `_query`.
  if (!Array.isArray(result)) throw new RedditPayloadError(`/${uri} did not answer a Listing`);
  const listing = result as SnoowrapListing;
  const children = Array.from(listing, plain);
  const last = children[children.length - 1] as { name?: unknown } | undefined;
  const after = listing._query && 'after' in listing._query ? (listing._query.after ?? null) : typeof last?.name === 'string' ? last.name : null;
  return { children, after };
}
