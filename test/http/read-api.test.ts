import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Mention } from '../../src/domain/types.js';
import { apiFixture, NOW, TOKEN, type ApiFixture } from './api-fixture.js';

type Page = { mentions: (Mention & Record<string, unknown>)[]; next: string | null };

describe('read API over HTTP (real lowdb store, 127.0.0.1, ephemeral port)', () => {
  let f: ApiFixture;
  beforeAll(async () => void (f = await apiFixture()));
  afterAll(() => f.close());

  const all = async (path: string, limit: number): Promise<{ pages: string[][]; keys: string[] }> => {
    const pages: string[][] = [];
    let next: string | null = null;
    const sep = path.includes('?') ? '&' : '?';
    do {
      const res = await f.get(`${path}${sep}limit=${limit}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Page;
      pages.push(body.mentions.map((m) => m.key));
      next = body.next;
      expect(pages.length).toBeLessThan(100);
    } while (next);
    return { pages, keys: pages.flat() };
  };

  it('GIVEN no token or a wrong one THEN /api answers 401 (and /metrics too, once a token is set); the right one gives 200; /healthz is open', async () => {
    for (const t of [null, 'wrong-token-0123456789abcdef', `${TOKEN}x`, TOKEN.slice(0, -1)]) {
      const res = await f.get('/api/v1/brands', t);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    }
    expect((await f.get('/api/v1/nothing-here', null)).status).toBe(401);
    expect((await f.get('/metrics', null)).status).toBe(401);
    expect((await f.get('/metrics')).status).toBe(200);
    expect((await f.get('/healthz', null)).status).toBe(200);
    const ok = await f.get('/api/v1/brands');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('GET /api/v1/brands lists the watched brands with aliases and competitors', async () => {
    expect(await (await f.get('/api/v1/brands')).json()).toEqual({
      brands: [{ name: 'Acme', aliases: ['Acme Corp'], competitors: ['Globex'] }, { name: 'Globex', aliases: [], competitors: [] }],
    });
  });

  it('GET reputation: the ORI with its components, weights, change and contributors, as /reputation computes it', async () => {
    const body = (await (await f.get('/api/v1/brands/acme/reputation?window=48')).json()) as Record<string, unknown>;
    const direct = await f.app.api.reputation('Acme', 48, NOW);
    expect(direct.ok).toBe(true);
    expect(body).toEqual({ windowHours: 48, ...(direct.ok ? JSON.parse(JSON.stringify(direct.value)) : {}) });
    expect(body).toMatchObject({ brand: 'Acme', components: { sentiment: expect.any(Number), engagement: expect.any(Number), volume: expect.any(Number) }, change: expect.any(Number) });
    expect((body.topContributors as unknown[]).length).toBeGreaterThan(0);
    expect(((await (await f.get('/api/v1/brands/Acme/reputation')).json()) as { windowHours: number }).windowHours).toBe(168);
  });

  it('GET mentions: newest first, no author (not even the pseudonym), filters by sentiment and time', async () => {
    const body = (await (await f.get('/api/v1/brands/Acme/mentions?limit=100')).json()) as Page;
    expect(body.mentions).toHaveLength(41);
    expect(body.next).toBeNull();
    const times = body.mentions.map((m) => m.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
    for (const m of body.mentions) {
      expect(m).not.toHaveProperty('author');
      expect(m).toMatchObject({ brand: 'Acme', sentiment: { label: expect.any(String) }, title: expect.any(String) });
    }
    expect(JSON.stringify(body)).not.toMatch(/a_[0-9a-f]{16}|person\d/);
    const neg = (await (await f.get('/api/v1/brands/Acme/mentions?sentiment=negative&limit=100')).json()) as Page;
    expect(neg.mentions.map((m) => m.sentiment.label)).toEqual(Array(14).fill('negative'));
    const since = new Date(NOW.getTime() - 6.5 * 3_600_000).toISOString();
    const until = new Date(NOW.getTime() - 3_600_000).toISOString();
    const window = (await (await f.get(`/api/v1/brands/Acme/mentions?since=${since}&until=${until}`)).json()) as Page;
    expect(window.mentions.every((m) => m.publishedAt >= since && m.publishedAt < until)).toBe(true);
    expect(window.mentions.map((m) => m.key)).toEqual((await f.app.store.queryMentions({ brand: 'Acme', since, until })).map((m) => m.key));
    expect(window.mentions.length).toBeGreaterThan(0);
    expect(window.mentions.length).toBeLessThan(41);
  });

  it.each([1, 2, 3, 7, 40])('GIVEN limit=%i THEN the cursor pages are disjoint and together are every mention, in order', async (limit) => {
    const { pages, keys } = await all('/api/v1/brands/Acme/mentions', limit);
    const expected = (await f.app.store.queryMentions({ brand: 'Acme' })).map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys)).toEqual(new Set(expected));
    expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
    const neg = await all('/api/v1/brands/Acme/mentions?sentiment=negative', limit);
    expect(new Set(neg.keys)).toEqual(new Set((await f.app.store.queryMentions({ brand: 'Acme', sentiment: 'negative' })).map((m) => m.key)));
    expect(new Set(neg.keys).size).toBe(neg.keys.length);
  });

  it('GET digest: today so far, or a past day with date=; GET alerts since a time', async () => {
    const today = (await (await f.get('/api/v1/brands/Acme/digest')).json()) as Record<string, unknown>;
    expect(today).toMatchObject({ brand: 'Acme', date: '2026-11-23', volume: expect.any(Number), sentiment: expect.any(Object), daily: expect.any(Array) });
    const past = await f.get('/api/v1/brands/Acme/digest?date=2026-11-22');
    expect(past.status).toBe(200);
    expect(await past.json()).toMatchObject({ brand: 'Acme', date: '2026-11-22' });
    const future = await f.get('/api/v1/brands/Acme/digest?date=2026-11-30');
    expect(future.status).toBe(400);
    expect(await future.json()).toMatchObject({ error: { code: 'future-date' } });
    const alerts = (await (await f.get('/api/v1/alerts')).json()) as { alerts: { kind: string; status: string; alert: { id: string } }[] };
    expect(alerts.alerts.map((a) => [a.kind, a.status, a.alert.id])).toEqual([['alert', 'sent', 'alert-acme-1']]);
    expect((await (await f.get('/api/v1/alerts?since=2026-11-23T11:00:00Z')).json()) as unknown).toEqual({ alerts: [] });
  });

  it.each([
    ['/api/v1/brands/Acme/mentions?limit=0', 'limit'],
    ['/api/v1/brands/Acme/mentions?limit=101', 'limit'],
    ['/api/v1/brands/Acme/mentions?limit=ten', 'limit'],
    ['/api/v1/brands/Acme/mentions?since=yesterday', 'since'],
    ['/api/v1/brands/Acme/mentions?until=2026-11-23', 'until'],
    ['/api/v1/brands/Acme/mentions?since=2026-11-23T10:00:00Z&until=2026-11-23T09:00:00Z', 'until'],
    ['/api/v1/brands/Acme/mentions?sentiment=angry', 'sentiment'],
    ['/api/v1/brands/Acme/mentions?limit=5&limit=6', 'limit'],
    ['/api/v1/brands/Acme/mentions?colour=red', 'colour'],
    ['/api/v1/brands/Acme/reputation?window=0', 'window'],
    ['/api/v1/brands/Acme/digest?date=2026-13-45x', 'date'],
    ['/api/v1/alerts?since=soon', 'since'],
    ['/api/v1/brands?x=1', 'x'],
  ])('GIVEN %s THEN 400 names the parameter %s', async (path, param) => {
    const res = await f.get(path);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; param: string } };
    expect(body.error).toMatchObject({ code: 'bad-parameter', param });
    expect(body.error.message.startsWith(`${param}: `)).toBe(true);
  });

  it('GET ask and an event\'s impact answer as /ask and /impact do; a missing question or an unknown event is named', async () => {
    const ask = await f.get('/api/v1/ask?q=show%20the%20worst%20Acme%20mentions%20today');
    expect(ask.status).toBe(200);
    const direct = await f.app.api.ask('show the worst Acme mentions today', NOW);
    expect(await ask.json()).toEqual(direct.ok ? JSON.parse(JSON.stringify(direct.value)) : null);
    expect(await (await f.get('/api/v1/ask')).json()).toMatchObject({ error: { code: 'bad-parameter', param: 'q' } });
    const impact = await f.get('/api/v1/events/spring%20launch/impact');
    expect(impact.status).toBe(200);
    expect(await impact.json()).toMatchObject({ brand: 'Acme', event: 'Spring launch', running: true, unit: 'hour' });
    const unknown = await f.get('/api/v1/events/Nope/impact');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'unknown-event' } });
  });

  it('GIVEN a cursor that no page gave (or one of another brand) THEN 400', async () => {
    const first = (await (await f.get('/api/v1/brands/Acme/mentions?limit=2')).json()) as Page;
    expect((await f.get(`/api/v1/brands/Globex/mentions?cursor=${encodeURIComponent(first.next!)}`)).status).toBe(400);
    const bad = await f.get('/api/v1/brands/Acme/mentions?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'bad-cursor' } });
  });

  it('GIVEN an unknown brand or path THEN 404 JSON', async () => {
    for (const p of ['/api/v1/brands/Nope/reputation', '/api/v1/brands/Nope/mentions', '/api/v1/brands/Nope/digest', '/api/v1/brands/Ac%20me/mentions']) {
      const res = await f.get(p);
      expect(res.status, p).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'unknown-brand' } });
    }
    const res = await f.get('/api/v1/unknown');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not-found' } });
    expect((await fetch(`${f.server.url}/api/v1/brands`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(405);
  });

  it('serves every path of docs/openapi.yaml (GET, with the token)', async () => {
    const doc = parse(readFileSync('docs/openapi.yaml', 'utf8')) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\.1\./);
    const paths = Object.keys(doc.paths);
    expect(paths.length).toBeGreaterThanOrEqual(7);
    for (const p of paths) {
      expect(Object.keys(doc.paths[p]!)).toContain('get');
      const res = await f.get(p.replace('{brand}', 'Acme').replace('{event}', 'Spring%20launch') + (p.endsWith('/ask') ? '?q=how%20are%20we%20doing' : ''));
      expect(res.status, p).toBe(200);
    }
  });
});

describe('read API without API_TOKEN', () => {
  let f: ApiFixture;
  beforeAll(async () => void (f = await apiFixture(null)));
  afterAll(() => f.close());

  it('GIVEN http on and no API_TOKEN THEN /api answers 503 saying how to set it, even to a bearer; /metrics and /healthz stay open', async () => {
    for (const t of [null, TOKEN]) {
      const res = await f.get('/api/v1/brands', t);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('api-token-missing');
      expect(body.error.message).toMatch(/API_TOKEN=/);
    }
    expect((await f.get('/metrics', null)).status).toBe(200);
    expect((await f.get('/healthz', null)).status).toBe(200);
  });
});
