/**
 * A local stand-in for Reddit's OAuth API (oauth.reddit.com + www.reddit.com/api/v1/access_token) and its public
 * Atom listings, on 127.0.0.1. It speaks enough of the real protocol to drive the real snoowrap client:
 * Basic-auth token endpoint (refresh_token and password grants), Listings with limit/before/after paging,
 * x-ratelimit-* headers with a window that answers 429 when exceeded, scriptable failures and a request log.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandinPost {
  id: string;
  subreddit: string;
  title: string;
  selftext: string;
  author: string;
  createdUtc: number;
  score: number;
  numComments: number;
  extra: Record<string, unknown>;
}
export interface StandinComment {
  id: string;
  postId: string;
  subreddit: string;
  body: string;
  author: string;
  createdUtc: number;
  score: number;
  extra: Record<string, unknown>;
}
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** `now()` (default Date.now()) when the request arrived */
  at: number;
  status: number;
  authorization?: string;
  userAgent?: string;
}
export interface RedditStandinOptions {
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  username?: string;
  password?: string;
  /** seconds a token lives (fractions allowed so refresh can be tested quickly) */
  expiresIn?: number;
  /** default rate window: requests allowed per window, window length in seconds */
  rateLimit?: { perWindow: number; windowSeconds: number };
  /** simulated clock in ms for created_utc of new items (default `now`) */
  clock?: () => number;
  /** the time the stand-in lives on, epoch ms: request log, rate windows, token expiry (default Date.now; pass a fake clock's) */
  now?: () => number;
}
interface Failure {
  status: number;
  headers: Record<string, string>;
  pathPrefix?: string;
  /** matching requests to let through before this failure applies */
  skip: number;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
};
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const slug = (t: string): string => t.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 50) || 'post';

/** "Acme" OR "Acme Corp" OR acme -> phrases; an item matches when any phrase occurs in title or text. */
function matchesQuery(q: string, text: string): boolean {
  const phrases = q
    .split(/\s+OR\s+/i)
    .map((p) => p.replace(/[()"]/g, '').trim().toLowerCase())
    .filter(Boolean);
  const t = text.toLowerCase();
  return phrases.some((p) => t.includes(p));
}

export async function startRedditStandin(options: RedditStandinOptions = {}) {
  const o = {
    clientId: 'standin-client',
    clientSecret: 'standin-secret',
    refreshToken: 'standin-refresh',
    username: 'standin-user',
    password: 'standin-pass',
    expiresIn: 3600,
    rateLimit: { perWindow: 1000, windowSeconds: 600 },
    ...options,
  };
  const now = options.now ?? ((): number => Date.now());
  const clockOf = options.clock ?? now;
  let nextId = 46656; // "1000" in base 36
  let clockOffsetMs = 0;
  const posts: StandinPost[] = [];
  const comments: StandinComment[] = [];
  const tokens = new Map<string, number>();
  const failures: Failure[] = [];
  const requests: LoggedRequest[] = [];
  let tokensIssued = 0;
  let violations = 0;
  let window = { start: now(), ms: o.rateLimit.windowSeconds * 1000, limit: o.rateLimit.perWindow, used: 0 };

  const nowSeconds = (): number => (clockOf() + clockOffsetMs) / 1000;
  const newId = (): string => (nextId++).toString(36);

  function postData(p: StandinPost): Record<string, unknown> {
    const permalink = `/r/${p.subreddit}/comments/${p.id}/${slug(p.title)}/`;
    return {
      id: p.id, name: `t3_${p.id}`, title: p.title, selftext: p.selftext, author: p.author, created_utc: p.createdUtc,
      created: p.createdUtc, permalink, url: `https://www.reddit.com${permalink}`, subreddit: p.subreddit,
      subreddit_name_prefixed: `r/${p.subreddit}`, score: p.score, ups: p.score, num_comments: p.numComments,
      is_self: true, over_18: false, ...p.extra,
    };
  }
  function commentData(c: StandinComment): Record<string, unknown> {
    const post = posts.find((p) => p.id === c.postId);
    const title = post?.title ?? 'unknown';
    const postLink = `/r/${c.subreddit}/comments/${c.postId}/${slug(title)}/`;
    return {
      id: c.id, name: `t1_${c.id}`, body: c.body, author: c.author, created_utc: c.createdUtc, created: c.createdUtc,
      link_id: `t3_${c.postId}`, parent_id: `t3_${c.postId}`, link_title: title, link_permalink: `https://www.reddit.com${postLink}`,
      permalink: `${postLink}${c.id}/`, subreddit: c.subreddit, subreddit_name_prefixed: `r/${c.subreddit}`, score: c.score,
      replies: '', ...c.extra,
    };
  }

  /** Newest first, then Reddit's before/after/limit paging. */
  function listing(kind: 't1' | 't3', all: Record<string, unknown>[], q: Record<string, string>): unknown {
    const sorted = [...all].sort((a, b) => (b.created_utc as number) - (a.created_utc as number) || parseInt(String(b.id), 36) - parseInt(String(a.id), 36));
    const limit = Math.min(100, Math.max(1, Number(q.limit ?? 25) || 25));
    let page: Record<string, unknown>[];
    let more: boolean;
    if (q.after) {
      const i = sorted.findIndex((d) => d.name === q.after);
      const rest = i < 0 ? [] : sorted.slice(i + 1);
      page = rest.slice(0, limit);
      more = rest.length > limit;
    } else if (q.before) {
      const i = sorted.findIndex((d) => d.name === q.before);
      const newer = i < 0 ? [] : sorted.slice(0, i);
      page = newer.slice(Math.max(0, newer.length - limit));
      more = i >= 0 && i < sorted.length;
    } else {
      page = sorted.slice(0, limit);
      more = sorted.length > limit;
    }
    const last = page[page.length - 1];
    return {
      kind: 'Listing',
      data: { after: more && last ? last.name : null, before: q.before && page[0] ? page[0].name : null, dist: page.length, modhash: '', children: page.map((data) => ({ kind, data })) },
    };
  }

  function rateHeaders(): { headers: Record<string, string>; exceeded: boolean } {
    const at = now();
    if (at >= window.start + window.ms) {
      window = { start: at, ms: o.rateLimit.windowSeconds * 1000, limit: o.rateLimit.perWindow, used: 0 };
    }
    window.used += 1;
    const exceeded = window.used > window.limit;
    const reset = Math.max(0, (window.start + window.ms - at) / 1000);
    return {
      exceeded,
      headers: {
        'x-ratelimit-used': String(window.used),
        'x-ratelimit-remaining': Math.max(0, window.limit - window.used).toFixed(1),
        'x-ratelimit-reset': String(Number.isInteger(reset) ? reset : Number(reset.toFixed(3))),
      },
    };
  }

  function atom(id: string, title: string, items: Record<string, unknown>[], base: string): string {
    const entries = items.slice(0, 25).map((d) => {
      const author = String(d.author);
      return `<entry><author><name>/u/${esc(author)}</name><uri>https://www.reddit.com/user/${esc(author)}</uri></author>` +
        `<category term="${esc(String(d.subreddit))}" label="r/${esc(String(d.subreddit))}"/>` +
        `<content type="html">${esc(`<!-- SC_OFF --><div class="md"><p>${esc(String(d.selftext ?? ''))}</p></div><!-- SC_ON -->`)}</content>` +
        `<id>${esc(String(d.name))}</id><link href="https://www.reddit.com${esc(String(d.permalink))}" />` +
        `<updated>${new Date((d.created_utc as number) * 1000).toISOString().replace('.000Z', '+00:00')}</updated>` +
        `<published>${new Date((d.created_utc as number) * 1000).toISOString().replace('.000Z', '+00:00')}</published>` +
        `<title>${esc(String(d.title))}</title></entry>`;
    });
    return `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">` +
      `<updated>${new Date(nowSeconds() * 1000).toISOString()}</updated><icon>https://www.redditstatic.com/icon.png/</icon>` +
      `<id>${esc(id)}</id><link rel="self" href="${esc(base + id)}" type="application/atom+xml" />` +
      `<title>${esc(title)}</title>${entries.join('')}</feed>`;
  }

  function sortedPostData(filter: (p: StandinPost) => boolean): Record<string, unknown>[] {
    return posts.filter(filter).sort((a, b) => b.createdUtc - a.createdUtc || parseInt(b.id, 36) - parseInt(a.id, 36)).map(postData);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, entry: LoggedRequest): Promise<number> {
    const url = new URL(req.url ?? '/', 'http://standin');
    const q = Object.fromEntries(url.searchParams);
    const path = url.pathname.replace(/\/+$/, '') || '/';
    entry.path = url.pathname;
    entry.query = q;
    const base = `http://${req.headers.host ?? '127.0.0.1'}`;

    if (req.method === 'POST' && path === '/api/v1/access_token') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const expected = 'Basic ' + Buffer.from(`${o.clientId}:${o.clientSecret}`).toString('base64');
      if (req.headers.authorization !== expected) return json(res, 401, { message: 'Unauthorized', error: 401 }), 401;
      const ok = form.get('grant_type') === 'refresh_token' ? form.get('refresh_token') === o.refreshToken
        : form.get('grant_type') === 'password' ? form.get('username') === o.username && form.get('password') === o.password : false;
      if (!ok) return json(res, 200, { error: 'invalid_grant' }), 200;
      const token = `tok-${++tokensIssued}`;
      tokens.set(token, now() + o.expiresIn * 1000);
      return json(res, 200, { access_token: token, token_type: 'bearer', expires_in: o.expiresIn, scope: 'read' }), 200;
    }

    const rss = /^\/r\/([A-Za-z0-9_]+)\/new\/\.rss$/.exec(path);
    if (req.method === 'GET' && (rss || path === '/search.rss')) {
      const body = rss
        ? atom(`/r/${rss[1]}/new/.rss`, `newest submissions : ${rss[1]}`, sortedPostData((p) => p.subreddit.toLowerCase() === rss[1]!.toLowerCase()), base)
        : atom(`/search.rss?q=${q.q ?? ''}`, `reddit.com: search results - ${q.q ?? ''}`, sortedPostData((p) => matchesQuery(q.q ?? '', `${p.title} ${p.selftext}`)), base);
      res.writeHead(200, { 'content-type': 'application/atom+xml; charset=UTF-8' });
      res.end(body);
      return 200;
    }

    const auth = req.headers.authorization ?? '';
    const expiry = tokens.get(auth.replace(/^bearer /i, ''));
    if (!auth.toLowerCase().startsWith('bearer ') || expiry === undefined || expiry < now()) {
      return json(res, 401, { message: 'Unauthorized', error: 401 }, { 'www-authenticate': 'Bearer realm="reddit", error="invalid_token"' }), 401;
    }
    const matching = failures.filter((f) => !f.pathPrefix || path.startsWith(f.pathPrefix));
    const ready = matching.find((f) => f.skip === 0);
    if (!ready) for (const f of matching) f.skip -= 1;
    const failIndex = ready ? failures.indexOf(ready) : -1;
    const rate = rateHeaders();
    if (failIndex >= 0) {
      const [f] = failures.splice(failIndex, 1);
      return json(res, f!.status, { message: 'scripted failure', error: f!.status }, { ...rate.headers, ...f!.headers }), f!.status;
    }
    if (rate.exceeded) {
      violations += 1;
      return json(res, 429, { message: 'Too Many Requests', error: 429 }, rate.headers), 429;
    }
    if (req.method !== 'GET') return json(res, 405, { error: 405 }, rate.headers), 405;

    let m: RegExpExecArray | null;
    if ((m = /^\/r\/([A-Za-z0-9_]+)\/new$/.exec(path))) {
      const sub = m[1]!.toLowerCase();
      return json(res, 200, listing('t3', posts.filter((p) => p.subreddit.toLowerCase() === sub).map(postData), q), rate.headers), 200;
    }
    if ((m = /^\/r\/([A-Za-z0-9_]+)\/comments$/.exec(path))) {
      const sub = m[1]!.toLowerCase();
      return json(res, 200, listing('t1', comments.filter((c) => c.subreddit.toLowerCase() === sub).map(commentData), q), rate.headers), 200;
    }
    if ((m = /^(?:\/r\/([A-Za-z0-9_]+))?\/search$/.exec(path))) {
      const sub = m[1]?.toLowerCase();
      const restrict = sub !== undefined && ['true', 'on', '1'].includes(q.restrict_sr ?? '');
      const found = posts.filter((p) => (!restrict || p.subreddit.toLowerCase() === sub) && matchesQuery(q.q ?? '', `${p.title} ${p.selftext}`));
      return json(res, 200, listing('t3', found.map(postData), q), rate.headers), 200;
    }
    return json(res, 404, { message: 'Not Found', error: 404 }, rate.headers), 404;
  }

  const server = createServer((req, res) => {
    const entry: LoggedRequest = {
      method: req.method ?? 'GET', path: '', query: {}, at: now(), status: 0,
      authorization: req.headers.authorization, userAgent: req.headers['user-agent'],
    };
    requests.push(entry);
    handle(req, res, entry).then(
      (status) => void (entry.status = status),
      (e: unknown) => {
        entry.status = 500;
        if (!res.headersSent) json(res, 500, { error: String(e) });
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    credentials: { clientId: o.clientId, clientSecret: o.clientSecret, refreshToken: o.refreshToken, username: o.username, password: o.password },
    requests,
    /** API requests only (no token calls, no RSS) */
    apiRequests: () => requests.filter((r) => r.path !== '/api/v1/access_token' && !r.path.endsWith('.rss')),
    get tokensIssued() { return tokensIssued; },
    /** requests that arrived while the rate window was exhausted (each got a 429) */
    get violations() { return violations; },
    nowSeconds,
    /** move the simulated clock used for created_utc */
    advance(seconds: number): void { clockOffsetMs += seconds * 1000; },
    setExpiresIn(seconds: number): void { o.expiresIn = seconds; },
    addPost(p: Partial<Omit<StandinPost, 'id'>> & { subreddit: string }): StandinPost {
      const post: StandinPost = { id: newId(), title: 'A post', selftext: '', author: 'someone', createdUtc: Math.floor(nowSeconds()), score: 1, numComments: 0, extra: {}, ...p };
      posts.push(post);
      return post;
    },
    addComment(c: Partial<Omit<StandinComment, 'id' | 'subreddit'>> & { postId: string }): StandinComment {
      const post = posts.find((p) => p.id === c.postId);
      if (!post) throw new Error(`no post ${c.postId}`);
      post.numComments += 1;
      const comment: StandinComment = { id: newId(), subreddit: post.subreddit, body: 'A comment', author: 'someone', createdUtc: Math.floor(nowSeconds()), score: 1, extra: {}, ...c };
      comments.push(comment);
      return comment;
    },
    removePost(id: string): void { const i = posts.findIndex((p) => p.id === id); if (i >= 0) posts.splice(i, 1); },
    /** after `skip` matching requests, the next `times` API requests (optionally only under pathPrefix) fail with `status` and extra headers */
    failNext(status: number, opts: { times?: number; headers?: Record<string, string>; pathPrefix?: string; skip?: number } = {}): void {
      for (let i = 0; i < (opts.times ?? 1); i++) failures.push({ status, headers: opts.headers ?? {}, pathPrefix: opts.pathPrefix, skip: opts.skip ?? 0 });
    },
    /** start a rate window now that allows `limit` requests for `resetSeconds`; excess requests get 429 */
    setRateWindow(limit: number, resetSeconds: number): void {
      window = { start: now(), ms: resetSeconds * 1000, limit, used: 0 };
    },
    close: (): Promise<void> => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export type RedditStandin = Awaited<ReturnType<typeof startRedditStandin>>;
