import { parseComment, parsePost, type ParseResult } from './items.js';

export interface TargetOptions {
  /** query: a Reddit search query built from the brand's name and aliases (see redditSearchQuery) */
  brands: { name: string; query: string }[];
  subreddits: string[];
  comments: boolean;
  /**
   * Also search each brand inside each configured subreddit (/r/<sub>/search?restrict_sr=true&sort=new). Default false:
   * a configured subreddit's /new (and /comments) listing already returns every post (and comment) made there, without
   * search-index lag, and the bot's own query decides what is a mention, so a restricted search finds nothing new
   * while costing brands x subreddits requests per interval from the shared budget. Worth turning on only for a
   * subreddit busier than maxPages x pageLimit (about 1000) posts per interval.
   */
  searchInSubreddits?: boolean;
  /** how far below the newest seen created_utc each poll looks for late arrivals (default 120 s; 900 s for search, whose index lags) */
  overlapSeconds?: number;
}

export interface Target {
  id: string;
  describe: string;
  uri: string;
  qs: Record<string, string | number | boolean>;
  parse: (child: unknown, source: { id: string }) => ParseResult;
  overlapSeconds: number;
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'brand';

/** One target per brand search, subreddit listing (posts, comments) and, when asked, brand search within a subreddit. */
export function redditTargets(o: TargetOptions): Target[] {
  const searchOverlap = o.overlapSeconds ?? 900;
  const out: Target[] = o.brands.map((b) => ({
    id: `reddit-search-${slug(b.name)}`,
    describe: `Reddit search for ${b.name}: ${b.query}`,
    uri: 'search',
    qs: { q: b.query, sort: 'new', t: 'all', type: 'link' },
    parse: parsePost,
    overlapSeconds: searchOverlap,
  }));
  const overlapSeconds = o.overlapSeconds ?? 120;
  for (const sub of o.subreddits) {
    const key = sub.toLowerCase();
    out.push({ id: `reddit-r-${key}-posts`, describe: `r/${sub} new posts`, uri: `r/${sub}/new`, qs: {}, parse: parsePost, overlapSeconds });
    if (o.comments) {
      out.push({ id: `reddit-r-${key}-comments`, describe: `r/${sub} new comments`, uri: `r/${sub}/comments`, qs: {}, parse: parseComment, overlapSeconds });
    }
    if (!o.searchInSubreddits) continue;
    for (const b of o.brands) {
      out.push({
        id: `reddit-r-${key}-search-${slug(b.name)}`,
        describe: `r/${sub} search for ${b.name}: ${b.query}`,
        uri: `r/${sub}/search`,
        qs: { q: b.query, restrict_sr: true, sort: 'new', t: 'all', type: 'link' },
        parse: parsePost,
        overlapSeconds: searchOverlap,
      });
    }
  }
  return out;
}
