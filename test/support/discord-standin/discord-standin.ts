import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StandinGateway } from './gateway.js';
import { guildCreate, interaction, message, snowflake, wire, type CommandOption, type MemberSpec, type StandinUser, type StoredMessage } from './payloads.js';
import { limitRefusal } from './limits.js';
import { errorBody, parseBody, readBody, type RecordedRequest, type ScriptedFailure } from './rest.js';

/** Where an interaction comes from: another guild (`guildId`), or a DM (`guildId: null`). Default: the stand-in's guild. */
export interface Where {
  guildId?: string | null;
  channelId?: string;
}

export interface StandinOptions {
  applicationId?: string;
  guildId?: string;
  channelId?: string;
  heartbeatIntervalMs?: number;
  /** how long a nonce is remembered for enforce_nonce (Discord: a few minutes) */
  nonceWindowMs?: number;
  /** never answer IDENTIFY (a gateway that accepts the socket but never becomes ready) */
  silentGateway?: boolean;
  /** send GUILD_CREATE after READY (the guild and its members become cached in discord.js); these roles exist in it */
  guildRoles?: string[];
}

/**
 * A local Discord: REST under /api/v10 and a WebSocket gateway at /gateway on one 127.0.0.1 port. Records every
 * request, stores messages per channel, keeps commands per guild, dedups `enforce_nonce` posts like Discord, refuses
 * messages over Discord's limits with 400 (content, embed parts, 25 fields, 10 embeds, 6000 in total) on posts,
 * interaction callbacks, follow-ups and edits, and can be scripted to fail message posts (5xx, 429, 403/404 per channel).
 */
export class DiscordStandin {
  readonly requests: RecordedRequest[] = [];
  readonly messages = new Map<string, StoredMessage[]>();
  readonly commands = new Map<string, Record<string, unknown>[]>();
  readonly bot: StandinUser = { id: '900000000000000001', username: 'listening-bot', bot: true };
  readonly applicationId: string;
  readonly guildId: string;
  readonly channelId: string;
  /** every PUT of commands (to prove a second start did not re-register) */
  commandPuts = 0;
  private readonly events = new EventEmitter();
  private readonly failures: ScriptedFailure[] = [];
  private readonly channelErrors = new Map<string, 403 | 404>();
  private readonly nonces = new Map<string, { message: StoredMessage; at: number }>();
  private readonly webhookMessages = new Map<string, StoredMessage>();
  private gateway!: StandinGateway;
  private port = 0;

  private constructor(private readonly server: Server, private readonly opts: StandinOptions) {
    this.applicationId = opts.applicationId ?? this.bot.id;
    this.guildId = opts.guildId ?? '800000000000000001';
    this.channelId = opts.channelId ?? '810000000000000001';
    this.events.setMaxListeners(100);
  }

  static async start(opts: StandinOptions = {}): Promise<DiscordStandin> {
    const server = createServer();
    const s = new DiscordStandin(server, opts);
    server.on('request', (req, res) => void s.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    s.port = (server.address() as AddressInfo).port;
    s.gateway = new StandinGateway(server, {
      botUser: s.bot,
      applicationId: s.applicationId,
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250,
      resumeUrl: `ws://127.0.0.1:${s.port}/gateway`,
      silent: opts.silentGateway ?? false,
      guild: opts.guildRoles ? guildCreate(s.guildId, s.channelId, '700000000000000777', opts.guildRoles) : undefined,
    });
    return s;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get identified(): number {
    return this.gateway.identified;
  }

  /** The WebSocket gateway, for outages (`outage()`, `restore()`) and counting connection attempts. */
  get socket(): StandinGateway {
    return this.gateway;
  }

  /** The next `count` message posts fail with this answer. */
  failNextPosts(count: number, failure: ScriptedFailure): void {
    for (let n = 0; n < count; n++) this.failures.push(failure);
  }

  failChannel(channelId: string, status: 403 | 404): void {
    this.channelErrors.set(channelId, status);
  }

  restoreChannel(channelId: string): void {
    this.channelErrors.delete(channelId);
  }

  channelMessages(channelId: string = this.channelId): StoredMessage[] {
    return this.messages.get(channelId) ?? [];
  }

  // ---- interactions -------------------------------------------------------------------------------------------

  private ctx(where: Where = {}) {
    const guildId = where.guildId === undefined ? this.guildId : where.guildId;
    return { applicationId: this.applicationId, guildId, channelId: where.channelId ?? this.channelId };
  }

  /** Every request Discord refused as over its limits (400, code 50035). */
  get limitRefusals(): RecordedRequest[] {
    return this.requests.filter((r) => r.status === 400 && (r.answer as { code?: number } | undefined)?.code === 50035);
  }

  /** Dispatches a slash command (type 2); returns the interaction as sent. `where` sends it from another guild or a DM. */
  async slash(name: string, options: CommandOption[] = [], member: MemberSpec = {}, where: Where = {}) {
    const ctx = this.ctx(where);
    const data = { id: snowflake(), name, type: 1, options, ...(ctx.guildId ? { guild_id: ctx.guildId } : {}) };
    const i = interaction(2, data, ctx, member);
    await this.gateway.dispatch('INTERACTION_CREATE', i);
    return i;
  }

  /** Dispatches an autocomplete request (type 4): one option must carry `focused: true`. */
  async autocomplete(name: string, options: CommandOption[], member: MemberSpec = {}, where: Where = {}) {
    const ctx = this.ctx(where);
    const i = interaction(4, { id: snowflake(), name, type: 1, options, ...(ctx.guildId ? { guild_id: ctx.guildId } : {}) }, ctx, member);
    await this.gateway.dispatch('INTERACTION_CREATE', i);
    return i;
  }

  /** Clicks a button (component_type 2) or picks in a string select (3) on a stored message. */
  async click(msg: StoredMessage, customId: string, member: MemberSpec = {}, values?: string[], where: Where = {}) {
    const data = values ? { custom_id: customId, component_type: 3, values } : { custom_id: customId, component_type: 2 };
    const i = interaction(3, data, this.ctx(where), member, { message: wire(msg) });
    await this.gateway.dispatch('INTERACTION_CREATE', i);
    return i;
  }

  /** Everything the bot answered to one interaction: callback, then webhook edits, follow-ups and deletes. */
  responses(i: { id: string; token: string }): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith(`/interactions/${i.id}/`) || r.path.startsWith(`/webhooks/${this.applicationId}/${i.token}`));
  }

  /** The message an interaction's answer shows at the end (callback data, then edits applied; follow-ups apart). */
  webhookMessage(token: string): StoredMessage | undefined {
    return this.webhookMessages.get(token);
  }

  /** Resolves with the first recorded request (past or future) that matches; rejects after `timeoutMs`. */
  waitFor(pred: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    const found = this.requests.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('request', on);
        reject(new Error(`stand-in: no matching request within ${timeoutMs} ms (saw ${this.requests.map((r) => `${r.method} ${r.path}`).join(', ')})`));
      }, timeoutMs);
      const on = (r: RecordedRequest) => {
        if (!pred(r)) return;
        clearTimeout(timer);
        this.events.off('request', on);
        resolve(r);
      };
      this.events.on('request', on);
    });
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- REST ---------------------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api(\/v\d+)?/, '');
    const raw = await readBody(req);
    let parsed: Awaited<ReturnType<typeof parseBody>>;
    try {
      parsed = await parseBody(raw, req.headers['content-type']);
    } catch {
      return this.send(res, 400, { message: '400: Bad Request', code: 50109 });
    }
    const rec: RecordedRequest = { method: req.method ?? 'GET', path, query: url.searchParams, headers: req.headers, ...parsed, at: Date.now() };
    const answer = this.route(rec);
    rec.status = answer.status;
    rec.answer = answer.body;
    this.requests.push(rec);
    this.events.emit('request', rec);
    this.send(res, answer.status, answer.body, answer.headers);
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (status === 204) {
      // @discordjs/rest parses any body announced as JSON: a 204 must carry no content-type
      res.writeHead(204, headers).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  private route(r: RecordedRequest): { status: number; body?: unknown; headers?: Record<string, string> } {
    const auth = r.headers.authorization;
    const needsAuth = !r.path.startsWith('/interactions/') && !r.path.startsWith('/webhooks/');
    if (needsAuth && !auth?.startsWith('Bot ')) return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    let m: RegExpExecArray | null;
    if (r.method === 'GET' && (r.path === '/gateway/bot' || r.path === '/gateway')) {
      return { status: 200, body: { url: `ws://127.0.0.1:${this.port}/gateway`, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } } };
    }
    if (r.method === 'GET' && r.path === '/users/@me') return { status: 200, body: { ...this.bot, discriminator: '0', avatar: null, bot: true } };
    if (r.method === 'GET' && r.path === '/applications/@me') return { status: 200, body: { id: this.applicationId, name: 'listening-bot', flags: 0 } };
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(r.path))) return this.commandsRoute(r, m[2] ?? 'global');
    if (r.method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(r.path))) return this.postMessage(r, m[1] as string);
    if (r.method === 'GET' && (m = /^\/channels\/(\d+)\/messages$/.exec(r.path))) return this.listMessages(r, m[1] as string);
    if (r.method === 'PATCH' && (m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(r.path))) return this.editMessage(r, m[1] as string, m[2] as string);
    if (r.method === 'POST' && (m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(r.path))) return this.startThread(r, m[1] as string, m[2] as string);
    if (r.method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(r.path))) return this.callback(r, m[2] as string);
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/(@original|\d+))?$/.exec(r.path))) return this.webhook(r, m[2] as string, m[4]);
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  private commandsRoute(r: RecordedRequest, scope: string) {
    if (r.method === 'GET') return { status: 200, body: this.commands.get(scope) ?? [] };
    if (r.method !== 'PUT' || !Array.isArray(r.body)) return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
    this.commandPuts += 1;
    // Discord echoes the commands with ids, versions and filled-in defaults
    const stored = (r.body as Record<string, unknown>[]).map((c) => ({
      id: snowflake(),
      application_id: this.applicationId,
      ...(scope === 'global' ? {} : { guild_id: scope }),
      version: snowflake(),
      type: 1,
      default_member_permissions: null,
      dm_permission: true,
      nsfw: false,
      contexts: null,
      integration_types: [0],
      ...c,
    }));
    this.commands.set(scope, stored);
    return { status: 200, body: stored };
  }

  /**
   * GET /channels/{id}/messages: newest first, `limit` 1-100 (default 50), `before` a message id. Like Discord, a
   * fetched message carries no nonce (nonces are not stored), and a channel that does not exist answers 404.
   */
  private listMessages(r: RecordedRequest, channelId: string) {
    const denied = this.channelErrors.get(channelId);
    if (denied) return { status: denied, body: errorBody(denied) };
    if (!this.messages.has(channelId) && !this.threads.has(channelId) && channelId !== this.channelId) return { status: 404, body: errorBody(404) };
    const limit = Math.min(100, Math.max(1, Number(r.query.get('limit') ?? 50) || 50));
    const before = r.query.get('before');
    const list = [...this.channelMessages(channelId)].reverse().filter((x) => !before || BigInt(x.id) < BigInt(before));
    return { status: 200, body: list.slice(0, limit).map((x) => { const { nonce: _n, ...rest } = wire(x); return rest; }) };
  }

  private postMessage(r: RecordedRequest, channelId: string) {
    const denied = this.channelErrors.get(channelId);
    if (denied) return { status: denied, body: errorBody(denied) };
    const refused = limitRefusal(r.body);
    if (refused) return refused;
    const failure = this.failures.shift();
    if (failure?.afterStore) this.storeMessage(r, channelId);
    if (failure) {
      const headers: Record<string, string> = {};
      if (failure.status === 429) {
        const after = String(failure.retryAfterSeconds ?? 1);
        Object.assign(headers, { 'retry-after': after, 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': after, 'x-ratelimit-bucket': 'standin-messages', 'x-ratelimit-scope': 'user' });
        if (failure.global) headers['x-ratelimit-global'] = 'true';
      }
      return { status: failure.status, body: errorBody(failure.status, failure.retryAfterSeconds, failure.global), headers };
    }
    return this.storeMessage(r, channelId);
  }

  /** threads started from a message: thread id (= the message id, as on Discord) -> parent channel and name */
  readonly threads = new Map<string, { parentId: string; name: string }>();

  private editMessage(r: RecordedRequest, channelId: string, messageId: string) {
    const msg = this.channelMessages(channelId).find((x) => x.id === messageId);
    if (!msg) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    const refused = limitRefusal(r.body);
    if (refused) return refused;
    const body = (r.body ?? {}) as Record<string, unknown>;
    if (typeof body.content === 'string') msg.content = body.content;
    if (Array.isArray(body.embeds)) msg.embeds = body.embeds;
    if (Array.isArray(body.components)) msg.components = body.components;
    msg.edited_timestamp = new Date().toISOString();
    return { status: 200, body: wire(msg) };
  }

  private startThread(r: RecordedRequest, channelId: string, messageId: string) {
    if (!this.channelMessages(channelId).some((x) => x.id === messageId)) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    if (this.threads.has(messageId)) return { status: 400, body: { message: 'A thread has already been created for this message', code: 160004 } };
    const name = String((r.body as { name?: unknown } | undefined)?.name ?? '');
    if (name.length === 0 || name.length > 100) return { status: 400, body: { message: 'Invalid Form Body', code: 50035 } };
    this.threads.set(messageId, { parentId: channelId, name });
    return { status: 201, body: { id: messageId, type: 11, parent_id: channelId, name, guild_id: this.guildId, owner_id: this.bot.id, thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false } } };
  }

  private storeMessage(r: RecordedRequest, channelId: string) {
    const body = (r.body ?? {}) as Record<string, unknown>;
    const window = this.opts.nonceWindowMs ?? 5 * 60_000;
    const nonceKey = body.nonce === undefined ? undefined : `${channelId}:${String(body.nonce)}`;
    const seen = nonceKey ? this.nonces.get(nonceKey) : undefined;
    if (body.enforce_nonce === true && seen && Date.now() - seen.at < window) return { status: 200, body: wire(seen.message) };
    if (!body.content && !(Array.isArray(body.embeds) && body.embeds.length > 0) && r.files.length === 0) {
      return { status: 400, body: { message: 'Cannot send an empty message', code: 50006 } };
    }
    const msg = message(channelId, this.bot, body, r.files);
    this.messages.set(channelId, [...this.channelMessages(channelId), msg]);
    if (nonceKey) this.nonces.set(nonceKey, { message: msg, at: Date.now() });
    return { status: 200, body: wire(msg) };
  }

  private callback(r: RecordedRequest, token: string) {
    const body = (r.body ?? {}) as { type?: number; data?: Record<string, unknown> };
    const refused = limitRefusal(body.data);
    if (refused) return refused;
    if (body.type === 4 || body.type === 5 || body.type === 7) {
      this.webhookMessages.set(token, message(this.channelId, this.bot, body.data ?? {}, r.files));
    }
    if (r.query.get('with_response') === 'true') {
      const msg = this.webhookMessages.get(token);
      return { status: 200, body: { interaction: { id: snowflake(), type: 2 }, resource: { type: body.type, message: msg ? wire(msg) : undefined } } };
    }
    return { status: 204 };
  }

  private webhook(r: RecordedRequest, token: string, target: string | undefined) {
    if (r.method === 'DELETE') {
      this.webhookMessages.delete(token);
      return { status: 204 };
    }
    const refused = r.method === 'POST' || r.method === 'PATCH' ? limitRefusal(r.body) : undefined;
    if (refused) return refused;
    if (r.method === 'POST' && target === undefined) {
      return { status: 200, body: wire(message(this.channelId, this.bot, (r.body ?? {}) as Record<string, unknown>, r.files)) };
    }
    const existing = this.webhookMessages.get(token) ?? message(this.channelId, this.bot, {}, []);
    if (r.method === 'PATCH') {
      const patch = (r.body ?? {}) as Record<string, unknown>;
      const updated = { ...existing, ...message(this.channelId, this.bot, { ...existing, ...patch }, r.files.length > 0 ? r.files : existing.files), id: existing.id };
      this.webhookMessages.set(token, updated);
      return { status: 200, body: wire(updated) };
    }
    return { status: 200, body: wire(existing) };
  }
}
