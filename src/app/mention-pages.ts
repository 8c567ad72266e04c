import type { Mention, SentimentLabel } from '../domain/types.js';
import type { Store } from '../store/store.js';

export interface PageQuery {
  since?: string;
  until?: string;
  sentiment?: SentimentLabel;
  limit: number;
  cursor?: string;
}

/** Where the next page starts: before `u` (exclusive), without the keys at u - 1 ms already returned; and the filters. */
interface Cursor {
  b: string;
  s?: string;
  st?: SentimentLabel;
  u: string;
  k: string[];
}

const encode = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

function decode(raw: string, brand: string): Cursor | undefined {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
    const okTime = (t: unknown): boolean => typeof t === 'string' && !Number.isNaN(Date.parse(t));
    if (c.b !== brand || !okTime(c.u) || (c.s !== undefined && !okTime(c.s)) || !Array.isArray(c.k) || !c.k.every((k) => typeof k === 'string')) return undefined;
    if (c.st !== undefined && !['negative', 'neutral', 'positive'].includes(c.st)) return undefined;
    return c as Cursor;
  } catch {
    return undefined;
  }
}

/**
 * One page of a brand's mentions, newest first, and the cursor of the next (undefined on the last page). The cursor
 * carries the filters and the position: the time of the page's oldest mention (+1 ms, as an exclusive bound) and the
 * keys already returned at that time, so mentions sharing one timestamp (a feed without dates stores a poll's items
 * at one instant) are neither repeated nor skipped, whatever order a store gives ties. Undefined: the cursor is not
 * one this brand's pages gave.
 */
export async function mentionPage(store: Store, brand: string, q: PageQuery): Promise<{ mentions: Mention[]; next?: string } | undefined> {
  const c = q.cursor === undefined ? undefined : decode(q.cursor, brand);
  if (q.cursor !== undefined && !c) return undefined;
  const since = c ? c.s : q.since;
  const sentiment = c ? c.st : q.sentiment;
  const skip = new Set(c?.k ?? []);
  const got = await store.queryMentions({ brand, since, until: c ? c.u : q.until, sentiment, limit: q.limit + skip.size + 1 });
  const rest = got.filter((m) => !skip.has(m.key));
  const mentions = rest.slice(0, q.limit);
  const last = mentions.at(-1);
  if (rest.length <= q.limit || !last) return { mentions };
  const u = new Date(Date.parse(last.publishedAt) + 1).toISOString();
  const here = mentions.filter((m) => m.publishedAt === last.publishedAt).map((m) => m.key);
  const k = c && c.u === u ? [...c.k, ...here] : here;
  return { mentions, next: encode({ b: brand, ...(since !== undefined ? { s: since } : {}), ...(sentiment ? { st: sentiment } : {}), u, k }) };
}
