import { z } from 'zod';
import type { SourceState } from '../source.js';
import type { FetchPage } from './fetch-listing.js';
import type { ListingEntry, ParseResult } from './items.js';

/**
 * Cursor kept in SourceState: the newest created_utc seen and the fullnames seen within the overlap window below it.
 * A poll walks the listing from the newest item down (`after` = the last fullname of the previous page) until it
 * passes `newestCreated - overlapSeconds`, so a burst larger than one page is still read completely and an item
 * whose cursor neighbour was deleted is not lost (paging by `before` returns nothing once that item is gone).
 */
export interface ListingCursor {
  newestCreated?: number;
  newest?: string;
  /** [fullname, created_utc] of items at or above newestCreated - overlap */
  recent: [string, number][];
}

const stateSchema = z.object({
  newestCreated: z.number().finite().optional(),
  newest: z.string().optional(),
  recent: z.array(z.tuple([z.string(), z.number()])).default([]),
});

export function readCursor(state: SourceState): ListingCursor {
  const r = stateSchema.safeParse(state);
  return r.success ? r.data : { recent: [] };
}

export interface PagingOptions {
  overlapSeconds: number;
  /** pages a poll may read before giving up on reaching the cursor (Reddit serves about 1000 items per listing) */
  maxPages: number;
  /** pages read on the very first poll (no cursor yet) */
  firstPollPages: number;
  /** cap on remembered fullnames */
  maxRecent?: number;
  signal?: AbortSignal;
  /** the poll's time in seconds: the cursor of a listing that was empty on the first poll */
  nowSeconds?: number;
  /** an error for which the poll stops early with what it has (rate-limit waits) instead of failing */
  stopOn?: (e: unknown) => boolean;
}

export interface PagingResult {
  /** new entries, oldest first */
  entries: ListingEntry[];
  state: SourceState;
  warnings: string[];
  pages: number;
  /** set when the poll stopped early (stopOn): the state then resumes where it stopped */
  stopped?: unknown;
}

const idOf = (name: string): number => Number.parseInt(name.slice(3), 36);
const oldestFirst = (a: ListingEntry, b: ListingEntry): number => a.created - b.created || idOf(a.name) - idOf(b.name);

export async function pollListing(fetchPage: FetchPage, parse: (child: unknown) => ParseResult, state: SourceState, o: PagingOptions): Promise<PagingResult> {
  const cursor = readCursor(state);
  const floor = cursor.newestCreated === undefined ? undefined : cursor.newestCreated - o.overlapSeconds;
  const seen = new Set(cursor.recent.map(([name]) => name));
  const found = new Map<string, ListingEntry>();
  const warnings: string[] = [];
  const allowed = floor === undefined ? o.firstPollPages : o.maxPages;
  let after: string | undefined;
  let pages = 0;
  // reachedCursor: we are back at items the last poll saw (nothing newer can be missing any more);
  // reached: we passed the overlap floor too, so late arrivals down to it were looked for as well.
  let reachedCursor = floor === undefined;
  let reached = false;
  let stopped: unknown;
  while (pages < allowed) {
    o.signal?.throwIfAborted();
    let page: Awaited<ReturnType<FetchPage>>;
    try {
      page = await fetchPage(after);
    } catch (e) {
      if (!o.stopOn?.(e)) throw e;
      stopped = e;
      break;
    }
    pages += 1;
    for (const child of page.children) {
      const r = parse(child);
      if (!r.ok) {
        warnings.push(r.reason);
        continue;
      }
      if (cursor.newestCreated !== undefined && r.entry.created <= cursor.newestCreated) reachedCursor = true;
      if (floor !== undefined && r.entry.created < floor) {
        reached = true;
        continue;
      }
      if (!seen.has(r.entry.name) && !found.has(r.entry.name)) found.set(r.entry.name, r.entry);
    }
    if (reached || page.after === null || page.children.length === 0) {
      reachedCursor = true;
      break;
    }
    after = page.after;
  }
  const entries = [...found.values()].sort(oldestFirst);
  if (stopped !== undefined && floor !== undefined) {
    return { entries, state: resumeState(cursor, entries, floor, o), warnings, pages, stopped };
  }
  if (!reachedCursor) warnings.push(`read ${pages} pages without reaching the previous cursor; older items may have been missed`);
  // a first poll stopped early counts as done: it only ever reads a page or two, and then starts from "now"
  return { entries, state: nextState(cursor, entries, o), warnings, pages, ...(stopped !== undefined ? { stopped } : {}) };
}

/**
 * State after a poll that stopped before reaching its cursor: the cursor stays where it was (the pages below what was
 * read are still unseen, so the next poll must walk down to the old floor again), and what was returned joins
 * `recent` so it is not returned twice.
 */
function resumeState(cursor: ListingCursor, entries: ListingEntry[], floor: number, o: PagingOptions): SourceState {
  const recent = new Map<string, number>(cursor.recent);
  for (const e of entries) recent.set(e.name, e.created);
  const kept = [...recent].filter(([, created]) => created >= floor).sort((a, b) => b[1] - a[1]).slice(0, o.maxRecent ?? 2000);
  const out: ListingCursor = { ...(cursor.newestCreated !== undefined ? { newestCreated: cursor.newestCreated } : {}), ...(cursor.newest ? { newest: cursor.newest } : {}), recent: kept };
  return { ...out };
}

function nextState(cursor: ListingCursor, entries: ListingEntry[], o: PagingOptions): SourceState {
  let newestCreated = cursor.newestCreated;
  let newest = cursor.newest;
  // `recent` may hold items above the cursor, returned by a poll that stopped early: this complete poll has now read
  // everything down to the cursor, so the newest of them is seen too
  const seenAbove = cursor.recent.map(([name, created]) => ({ name, created }));
  for (const e of [...seenAbove, ...entries]) {
    if (newestCreated === undefined || e.created > newestCreated || (e.created === newestCreated && e === entries[entries.length - 1])) {
      newestCreated = e.created;
      newest = e.name;
    }
  }
  if (newestCreated === undefined) {
    // nothing seen yet: remember "now" so the next poll still pages down to here instead of reading one page
    return o.nowSeconds === undefined ? { recent: [] } : { newestCreated: o.nowSeconds, recent: [] };
  }
  const floor = newestCreated - o.overlapSeconds;
  const recent = new Map<string, number>(cursor.recent);
  for (const e of entries) recent.set(e.name, e.created);
  const kept = [...recent].filter(([, created]) => created >= floor).sort((a, b) => b[1] - a[1]).slice(0, o.maxRecent ?? 2000);
  const out: ListingCursor = { newestCreated, newest, recent: kept };
  return { ...out };
}
