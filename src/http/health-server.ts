import type { Registry } from 'prom-client';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authProblem, createApiRouter, send, type ApiOptions } from './api-router.js';

export interface HealthSnapshot {
  ok: boolean;
  details: Record<string, unknown>;
}

export interface HealthServer {
  url: string;
  close(): Promise<void>;
}

/**
 * GET /healthz -> 200 {ok, ...} or 503 when unhealthy; GET /metrics -> the registry in Prometheus text format (the
 * snapshot runs first: it sets the gauges read at scrape time); with `api`, the read API under /api/v1 (api-router.ts).
 * /healthz never asks for a token; /metrics asks for the API token once one is set (open without one, as before).
 * Read-only; binds to the given host (127.0.0.1 by default) so it is not exposed unless an operator asks for it.
 */
export async function startHealthServer(opts: { host: string; port: number; snapshot: () => Promise<HealthSnapshot>; registry: Registry; api?: ApiOptions }): Promise<HealthServer> {
  const api = opts.api && createApiRouter(opts.api);
  const server: Server = createServer((req, res) => {
    if (!URL.canParse(req.url ?? '/', 'http://localhost')) return void res.writeHead(400).end();
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (api && (url.pathname === '/api' || url.pathname.startsWith('/api/'))) {
      api(req, res, url).catch(() => res.writeHead(500).end());
      return;
    }
    if (req.method !== 'GET') return void res.writeHead(405).end();
    if (req.url === '/metrics' && opts.api?.token !== undefined) {
      const denied = authProblem(req, opts.api.token);
      if (denied) return send(res, denied);
    }
    opts
      .snapshot()
      .then(async (s) => {
        if (req.url === '/healthz') res.writeHead(s.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: s.ok, ...s.details }));
        else if (req.url === '/metrics') res.writeHead(200, { 'content-type': opts.registry.contentType }).end(await opts.registry.metrics());
        else res.writeHead(404).end();
      })
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  const a = server.address() as AddressInfo;
  return {
    url: `http://${a.address}:${a.port}`,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}
