import { z } from 'zod';
import type { RawItem } from '../../domain/types.js';
import { fetchUrl } from '../../net/fetch-url.js';
import type { MentionSource, PollContext, PollResult, SourceState } from '../source.js';
import { parseFeed } from './parse-feed.js';

export interface RssSourceOptions {
  id: string;
  url: string;
  intervalSeconds: number;
  publicOnly?: boolean;
  userAgent: string;
  timeoutMs?: number;
  maxBytes?: number;
  /** cap on items kept per poll (default 1000) */
  maxItems?: number;
}

/** What an RSS source persists between polls; anything else in a stored state is ignored. */
const rssStateSchema = z.object({ etag: z.string().optional(), lastModified: z.string().optional() });

function readState(state: SourceState): { etag?: string; lastModified?: string } {
  const parsed = rssStateSchema.safeParse(state);
  if (!parsed.success) return {};
  const { etag, lastModified } = parsed.data;
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

/** The URL for humans: credentials removed, query string elided (it may hold a private feed token). */
export function describeFeedUrl(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    const query = url.search ? '?…' : '';
    url.search = '';
    return `${url.href}${query}`;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * A MentionSource for one RSS/Atom feed: conditional GET with the ETag/Last-Modified of the previous poll, then
 * parseFeed. Fetch failures reject with the typed FetchError subclasses, unreadable documents with FeedParseError.
 */
export function createRssSource(opts: RssSourceOptions): MentionSource {
  return {
    id: opts.id,
    kind: 'rss',
    intervalSeconds: opts.intervalSeconds,
    describe: describeFeedUrl(opts.url),
    async poll(ctx: PollContext): Promise<PollResult> {
      const previous = readState(ctx.state);
      const res = await fetchUrl(opts.url, {
        ...previous,
        userAgent: opts.userAgent,
        signal: ctx.signal,
        ...(opts.publicOnly !== undefined ? { publicOnly: opts.publicOnly } : {}),
        ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
        ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
      });
      if (res.status === 304) return { items: [], state: previous, notModified: true };
      const { items, warnings } = await parseFeed(res.body, res.finalUrl, opts.maxItems);
      const rawItems: RawItem[] = items.map((item) => ({ ...item, sourceId: opts.id, sourceKind: 'rss' }));
      const state = { ...(res.etag ? { etag: res.etag } : {}), ...(res.lastModified ? { lastModified: res.lastModified } : {}) };
      return { items: rawItems, state, ...(warnings.length > 0 ? { warnings } : {}) };
    },
  };
}
