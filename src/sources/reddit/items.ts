import { z } from 'zod';
import type { RawItem } from '../../domain/types.js';

/** Permissive schemas for Listing children: only what we read is checked, everything else passes through. */
const common = {
  id: z.string().min(1),
  author: z.string().nullish(),
  created_utc: z.number().finite().nonnegative(),
  permalink: z.string().startsWith('/'),
  subreddit: z.string().min(1),
  score: z.number().finite().nullish(),
};
export const postSchema = z.looseObject({
  ...common,
  name: z.string().regex(/^t3_[a-z0-9]+$/i),
  title: z.string(),
  selftext: z.string().nullish(),
  num_comments: z.number().finite().nullish(),
});
export const commentSchema = z.looseObject({
  ...common,
  name: z.string().regex(/^t1_[a-z0-9]+$/i),
  body: z.string(),
  link_id: z.string().regex(/^t3_[a-z0-9]+$/i),
  link_title: z.string().nullish(),
});

/** One item from a listing, ready for the cursor logic. */
export interface ListingEntry {
  /** fullname, e.g. t3_abc */
  name: string;
  /** created_utc in seconds */
  created: number;
  item: RawItem;
}

export type ParseResult = { ok: true; entry: ListingEntry } | { ok: false; reason: string };

const WEB = 'https://www.reddit.com';
const author = (a: string | null | undefined): string | undefined => (a && a !== '[deleted]' ? a : undefined);
const iso = (createdUtc: number): string => new Date(Math.round(createdUtc * 1000)).toISOString();
const describe = (child: unknown): string => {
  const name = (child as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : 'a child without a fullname';
};
const issues = (e: z.ZodError): string => e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');

export function parsePost(child: unknown, source: { id: string }): ParseResult {
  const r = postSchema.safeParse(child);
  if (!r.success) return { ok: false, reason: `skipped ${describe(child)}: ${issues(r.error)}` };
  const p = r.data;
  const item: RawItem = {
    sourceId: source.id,
    sourceKind: 'reddit',
    guid: p.name,
    link: WEB + p.permalink,
    title: p.title,
    text: p.selftext ?? '',
    author: author(p.author),
    publishedAt: iso(p.created_utc),
    site: `r/${p.subreddit}`,
    reach: { score: p.score ?? undefined, comments: p.num_comments ?? undefined },
  };
  return { ok: true, entry: { name: p.name, created: p.created_utc, item } };
}

export function parseComment(child: unknown, source: { id: string }): ParseResult {
  const r = commentSchema.safeParse(child);
  if (!r.success) return { ok: false, reason: `skipped ${describe(child)}: ${issues(r.error)}` };
  const c = r.data;
  const item: RawItem = {
    sourceId: source.id,
    sourceKind: 'reddit',
    guid: c.name,
    link: WEB + c.permalink,
    title: `Comment on: ${c.link_title ?? c.link_id}`,
    text: c.body,
    author: author(c.author),
    publishedAt: iso(c.created_utc),
    site: `r/${c.subreddit}`,
    reach: { score: c.score ?? undefined },
    parentKey: c.link_id,
  };
  return { ok: true, entry: { name: c.name, created: c.created_utc, item } };
}
