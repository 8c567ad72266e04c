import type { Registry } from 'prom-client';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
 * snapshot runs first: it sets the gauges read at scrape time). Read-only; binds to the given host (127.0.0.1 by
 * default) so it is not exposed unless an operator asks for it.
 */
export async function startHealthServer(opts: { host: string; port: number; snapshot: () => Promise<HealthSnapshot>; registry: Registry }): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET') return void res.writeHead(405).end();
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
