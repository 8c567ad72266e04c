import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { apiUser, snowflake, type StandinUser } from './payloads.js';

export interface GatewayOptions {
  botUser: StandinUser;
  applicationId: string;
  heartbeatIntervalMs: number;
  resumeUrl: string;
  silent: boolean;
  /** READY lists this guild as unavailable and GUILD_CREATE follows (what Discord does with the Guilds intent) */
  guild?: Record<string, unknown>;
}

/**
 * The Discord gateway (v10, JSON, no compression): HELLO, IDENTIFY -> READY (guilds: []), heartbeat ACKs, and
 * dispatches pushed by the test (INTERACTION_CREATE...). Records every op the client sent.
 */
export class StandinGateway {
  readonly received: { op: number; d: unknown }[] = [];
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private seq = 0;
  identified = 0;
  /** every WebSocket upgrade the client tried (accepted or refused) */
  attempts = 0;
  /** refuse every upgrade (503), as during a gateway outage */
  down = false;
  readonly events = new EventEmitter();

  constructor(server: Server, private readonly opts: GatewayOptions) {
    this.wss = new WebSocketServer({
      server,
      path: '/gateway',
      verifyClient: (_info, done) => {
        this.attempts += 1;
        this.events.emit('attempt', this.attempts);
        if (this.down) done(false, 503, 'Service Unavailable');
        else done(true);
      },
    });
    this.wss.on('connection', (ws) => this.onConnection(ws));
  }

  private onConnection(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (raw) => {
      let msg: { op: number; d: unknown };
      try {
        msg = JSON.parse(String(raw)) as { op: number; d: unknown };
      } catch {
        ws.close(4002, 'Decode error');
        return;
      }
      this.received.push(msg);
      if (msg.op === 1) ws.send(JSON.stringify({ op: 11, d: null }));
      else if (msg.op === 2) this.ready(ws);
      else if (msg.op === 6) ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++this.seq, d: {} }));
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.opts.heartbeatIntervalMs } }));
  }

  private ready(ws: WebSocket): void {
    this.identified += 1;
    if (this.opts.silent) return;
    const d = {
      v: 10,
      user: { ...apiUser({ ...this.opts.botUser, bot: true }), verified: true, mfa_enabled: false },
      guilds: this.opts.guild ? [{ id: this.opts.guild.id, unavailable: true }] : [],
      session_id: `session-${snowflake()}`,
      resume_gateway_url: this.opts.resumeUrl,
      shard: [0, 1],
      application: { id: this.opts.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      user_settings: {},
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
    };
    ws.send(JSON.stringify({ op: 0, t: 'READY', s: ++this.seq, d }));
    if (this.opts.guild) ws.send(JSON.stringify({ op: 0, t: 'GUILD_CREATE', s: ++this.seq, d: this.opts.guild }));
  }

  /** Sends a dispatch (op 0) to every connected client. Resolves once written. */
  async dispatch(t: string, d: unknown): Promise<void> {
    const frame = JSON.stringify({ op: 0, t, s: ++this.seq, d });
    await Promise.all([...this.sockets].map((ws) => new Promise<void>((resolve, reject) => ws.send(frame, (err) => (err ? reject(err) : resolve())))));
  }

  /** An outage: every open socket is dropped (1006) and new ones are refused until `restore()`. */
  outage(): void {
    this.down = true;
    for (const ws of this.sockets) ws.terminate();
  }

  restore(): void {
    this.down = false;
  }

  /** Resolves once the client has tried `n` upgrades in all (past or future). */
  waitForAttempts(n: number): Promise<void> {
    if (this.attempts >= n) return Promise.resolve();
    return new Promise((resolve) => {
      const on = (count: number) => {
        if (count < n) return;
        this.events.off('attempt', on);
        resolve();
      };
      this.events.on('attempt', on);
    });
  }

  get connections(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
