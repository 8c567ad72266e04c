import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Logger } from '../shared/logger.js';
import { alertsParams, askParams, brandsParams, digestParams, impactParams, mentionsParams, parseParams, reputationParams } from './api-params.js';
import { apiMention, type ApiResult, type ReadApi } from './read-api.js';

export interface ApiOptions {
  api: ReadApi;
  /** API_TOKEN; undefined: every /api route answers 503 with how to set it (never served unauthenticated) */
  token?: string;
  now?: () => Date;
  logger?: Logger;
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, body, headers });
const problem = (status: number, code: string, message: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}): Reply =>
  json(status, { error: { code, message, ...extra } }, headers);

export function send(res: ServerResponse, r: Reply): void {
  res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...r.headers }).end(JSON.stringify(r.body));
}

/** Constant-time bearer check: both sides hashed to 32 bytes first, so neither the token nor its length leaks by timing. */
export function bearerMatches(req: IncomingMessage, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m?.[1] ?? ''), digest(token)) && m !== null;
}

/** The answer when the token is missing or wrong, or not configured at all. */
export function authProblem(req: IncomingMessage, token: string | undefined): Reply | undefined {
  if (token === undefined) return problem(503, 'api-token-missing', 'The read API is off until a token is set: put API_TOKEN=<at least 16 characters> (e.g. from `openssl rand -hex 24`) in the environment or .env and restart the bot.');
  if (!bearerMatches(req, token)) return problem(401, 'unauthorized', 'Send the API token as "Authorization: Bearer <API_TOKEN>".', {}, { 'www-authenticate': 'Bearer realm="brand-bot"' });
  return undefined;
}

const STATUS_OF: Record<string, number> = { 'unknown-brand': 404, 'unknown-event': 404 };
const fromResult = <T>(r: ApiResult<T>, body: (v: T) => unknown): Reply => (r.ok ? json(200, body(r.value)) : problem(STATUS_OF[r.error.code] ?? 400, r.error.code, r.error.message));

/**
 * The read-only API under /api/v1 (docs/openapi.yaml): brands, reputation, mentions (cursor paging), digest, alerts.
 * Every answer comes from the ReadApi (the bot's BotApi); parameters are checked here and a bad one is named.
 */
export function createApiRouter(o: ApiOptions): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const now = o.now ?? (() => new Date());
  const routes: { pattern: RegExp; run: (query: URLSearchParams, brand: string) => Promise<Reply> }[] = [
    { pattern: /^\/api\/v1\/brands$/, run: (q) => withParams(brandsParams, q, async () => json(200, { brands: (await o.api.watchList()).map((b) => ({ name: b.name, aliases: b.aliases ?? [], competitors: b.competitors ?? [], ...(b.query ? { query: b.query } : {}) })) })) },
    {
      pattern: /^\/api\/v1\/brands\/([^/]+)\/reputation$/,
      run: (q, brand) => withParams(reputationParams, q, async (p) => fromResult(await o.api.reputation(brand, p.window, now()), (v) => ({ windowHours: p.window, ...v }))),
    },
    {
      pattern: /^\/api\/v1\/brands\/([^/]+)\/mentions$/,
      run: (q, brand) =>
        withParams(mentionsParams, q, async (p) => {
          if (p.since && p.until && Date.parse(p.since) >= Date.parse(p.until)) return problem(400, 'bad-parameter', 'until: must be after since', { param: 'until' });
          return fromResult(await o.api.mentionPage({ brand, ...p }), (v) => ({ mentions: v.mentions.map(apiMention), next: v.next ?? null }));
        }),
    },
    { pattern: /^\/api\/v1\/brands\/([^/]+)\/digest$/, run: (q, brand) => withParams(digestParams, q, async (p) => fromResult(await o.api.digest(brand, now(), p.date), (v) => v[0])) },
    { pattern: /^\/api\/v1\/ask$/, run: (q) => withParams(askParams, q, async (p) => fromResult(await o.api.ask(p.q, now()), (v) => v)) },
    { pattern: /^\/api\/v1\/events\/([^/]+)\/impact$/, run: (q, event) => withParams(impactParams, q, async () => fromResult(await o.api.impact(event, now()), (v) => v)) },
    {
      pattern: /^\/api\/v1\/alerts$/,
      run: (q) => withParams(alertsParams, q, async (p) => fromResult(await o.api.alerts(p.since ? new Date(p.since) : new Date(now().getTime() - 24 * 3_600_000)), (v) => ({ alerts: v }))),
    },
  ];

  return async (req, res, url) => {
    const denied = authProblem(req, o.token);
    if (denied) return send(res, denied);
    if (req.method !== 'GET') return send(res, problem(405, 'method-not-allowed', 'The API is read-only: GET only.', {}, { allow: 'GET' }));
    for (const r of routes) {
      const m = r.pattern.exec(url.pathname);
      if (!m) continue;
      const brand = decodeSegment(m[1] ?? '');
      if (brand === undefined) return send(res, problem(400, 'bad-parameter', 'brand: not a valid percent-encoded name', { param: 'brand' }));
      try {
        return send(res, await r.run(url.searchParams, brand));
      } catch (e) {
        o.logger?.error({ path: url.pathname, err: e instanceof Error ? e.message : String(e) }, 'API request failed');
        return send(res, problem(500, 'internal', 'The request failed inside the bot; the log has the cause.'));
      }
    }
    send(res, problem(404, 'not-found', `No endpoint ${url.pathname}; see docs/openapi.yaml.`));
  };
}

async function withParams<T extends z.ZodType>(schema: T, query: URLSearchParams, run: (p: z.output<T>) => Promise<Reply>): Promise<Reply> {
  const p = parseParams(schema, query);
  return p.ok ? run(p.value) : problem(400, 'bad-parameter', p.error.message, { param: p.error.param });
}

function decodeSegment(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
