/**
 * A local HTTP server on 127.0.0.1 for feed tests: a route table keyed by path, a log of every request, and
 * connection tracking so tests can prove that a client really closed its socket.
 *
 *   const srv = await startFeedServer({ '/feed.xml': { body: xml, headers: { 'content-type': 'application/rss+xml' } } });
 *   await fetchUrl(`${srv.url}/feed.xml`, ...); srv.requests[0].headers['if-none-match']; await srv.close();
 */
import http from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { until } from './until.js';

export interface StaticRoute {
  status?: number;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** accept the request and never answer */
  hang?: boolean;
  /** send headers and the first chunk, then stall forever */
  stallAfterHeaders?: boolean;
  /** write the body in chunks of this size without a Content-Length (chunked transfer) */
  chunkSize?: number;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void;
export type Route = StaticRoute | RouteHandler;

export interface LoggedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface FeedServer {
  /** http://127.0.0.1:PORT (no trailing slash) */
  url: string;
  port: number;
  requests: LoggedRequest[];
  /** add or replace a route */
  route(path: string, route: Route): void;
  /** sockets currently open on the server side */
  openSockets(): number;
  /** resolves once no socket is open (rejects after timeoutMs) */
  waitForNoSockets(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function serveStatic(route: StaticRoute, res: ServerResponse): void {
  if (route.hang) return;
  res.statusCode = route.status ?? 200;
  for (const [name, value] of Object.entries(route.headers ?? {})) {
    try {
      res.setHeader(name, value);
    } catch {
      // a header value Node refuses to send (control or non-latin1 characters): leave it out
    }
  }
  const body = route.body === undefined ? Buffer.alloc(0) : Buffer.from(route.body);
  if (route.stallAfterHeaders) {
    res.write(body.subarray(0, Math.min(body.length, 16)));
    return;
  }
  if (route.chunkSize) {
    for (let i = 0; i < body.length; i += route.chunkSize) res.write(body.subarray(i, i + route.chunkSize));
    res.end();
    return;
  }
  if (!res.hasHeader('content-length')) res.setHeader('content-length', body.length);
  res.end(body);
}

export async function startFeedServer(routes: Record<string, Route> = {}, host = '127.0.0.1'): Promise<FeedServer> {
  const table = new Map<string, Route>(Object.entries(routes));
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const full = req.url ?? '/';
    const path = full.split('?')[0] ?? '/';
    requests.push({ method: req.method ?? 'GET', path: full, headers: req.headers });
    const route = table.get(full) ?? table.get(path);
    if (!route) {
      res.statusCode = 404;
      res.end('not found');
    } else if (typeof route === 'function') route(req, res);
    else serveStatic(route, res);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('feed server has no port');
  const port = address.port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    requests,
    route: (path, route) => void table.set(path, route),
    openSockets: () => sockets.size,
    async waitForNoSockets(timeoutMs = 2000) {
      await until(() => sockets.size === 0, { timeoutMs, what: 'every socket to close' });
    },
    async close() {
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
