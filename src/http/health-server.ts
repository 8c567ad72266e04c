import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HealthSnapshot {
  ok: boolean;
  details: Record<string, unknown>;
  metrics: Record<string, number>;
}

export interface HealthServer {
  url: string;
  close(): Promise<void>;
}

const metricName = (k: string): string => `brandbot_${k.replace(/[^a-zA-Z0-9_]/g, '_')}`;

/** Prometheus text exposition of plain counters/gauges. */
export function prometheusText(metrics: Record<string, number>): string {
  return Object.entries(metrics)
    .filter(([, v]) => Number.isFinite(v))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `# TYPE ${metricName(k)} gauge\n${metricName(k)} ${v}`)
    .join('\n')
    .concat('\n');
}

/**
 * GET /healthz -> 200 {ok, ...} or 503 when unhealthy; GET /metrics -> Prometheus text. Read-only; binds to the
 * given host (127.0.0.1 by default) so it is not exposed unless an operator asks for it.
 */
export async function startHealthServer(opts: { host: string; port: number; snapshot: () => Promise<HealthSnapshot> }): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET') return void res.writeHead(405).end();
    opts
      .snapshot()
      .then((s) => {
        if (req.url === '/healthz') res.writeHead(s.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: s.ok, ...s.details }));
        else if (req.url === '/metrics') res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(prometheusText(s.metrics));
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
