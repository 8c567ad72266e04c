import { Client, Events, GatewayIntentBits, Routes, type APIEmbed, type APIMessage, type RESTOptions } from 'discord.js';
import type { Alert, Digest, Notice, Severity } from '../../domain/types.js';
import type { Logger } from '../../shared/logger.js';
import { stripControlDeep } from '../../shared/text.js';
import type { ChatSink, Delivery, DeliveryReceipt, GatewayStatus } from '../sink.js';
import { alertChannel, digestChannel, shouldPing, type ChannelConfig } from './channel-routing.js';
import { syncCommands } from './command-sync.js';
import { COMMANDS } from './commands/index.js';
import type { ActionRow, SlashCommand } from './commands/types.js';
import { renderDigestChart } from './charts/digest-chart.js';
import { alertButtons } from './components/alert-buttons.js';
import { CustomIdCodec } from './components/custom-id.js';
import { classifyDeliveryError } from './delivery-errors.js';
import { alertEmbed } from './embeds/alert-embed.js';
import { digestChartName, digestEmbed } from './embeds/digest-embed.js';
import { noticeEmbed } from './embeds/notice-embed.js';
import { safeText } from './embeds/text.js';
import { nonceFor } from './nonce.js';
import { updateIncident } from './incident-thread.js';
import { findDelivered } from './find-delivered.js';
import { GatewayBackoff, type GatewayBackoffOptions } from './gateway-backoff.js';

export interface DiscordSinkOptions extends ChannelConfig {
  token: string;
  /** REST base, e.g. http://127.0.0.1:PORT/api (default Discord's) */
  apiUrl?: string;
  guildId?: string;
  pingRoleId?: string;
  pingSeverity: Severity;
  logger: Logger;
  /** @discordjs/rest tuning; tests keep retries and timeouts small */
  rest?: Partial<Pick<RESTOptions, 'retries' | 'timeout'>>;
  /** a 429 asking to wait longer than this is not waited for: the send fails as transient (default 10 s) */
  maxRateLimitWaitMs?: number;
  /** wait at most this long for the gateway READY (default 30 s) */
  readyTimeoutMs?: number;
  /** gateway reconnect backoff tuning (tests inject the sleep and the clock) */
  gatewayBackoff?: Omit<GatewayBackoffOptions, 'logger'>;
  /** override the command set (tests) */
  commands?: ReadonlyMap<string, SlashCommand>;
}

export interface DiscordSink extends ChatSink {
  readonly client: Client;
  /** the codec of the buttons its messages carry: the front-end decodes their clicks with it */
  readonly ids: CustomIdCodec;
  /** the commands it registers with Discord at start: the front-end answers them */
  readonly commands: ReadonlyMap<string, SlashCommand>;
  failingChannels(): { channel: string; error: string }[];
  gateway(): GatewayStatus;
}

interface Outgoing {
  content?: string;
  embeds: APIEmbed[];
  components?: ActionRow[];
  allowed_mentions: { parse: []; roles?: string[] };
  files?: { name: string; data: Buffer; contentType: string }[];
  message_reference?: { message_id: string; fail_if_not_exists: false };
}

export function createDiscordSink(opts: DiscordSinkOptions): DiscordSink {
  const maxWait = opts.maxRateLimitWaitMs ?? 10_000;
  const rest: Partial<RESTOptions> = {
    ...(opts.apiUrl ? { api: opts.apiUrl } : {}),
    retries: opts.rest?.retries ?? 3,
    timeout: opts.rest?.timeout ?? 15_000,
    rejectOnRateLimit: (d) => Math.max(d.retryAfter, d.timeToReset) > maxWait,
  };
  const backoff = new GatewayBackoff({ ...opts.gatewayBackoff, logger: opts.logger });
  const client = new Client({ intents: [GatewayIntentBits.Guilds], allowedMentions: { parse: [] }, rest, ws: { buildStrategy: backoff.buildStrategy } });
  client.on(Events.ShardReady, () => backoff.onConnected());
  client.on(Events.ShardResume, () => backoff.onConnected());
  client.on(Events.ShardReconnecting, () => backoff.onClosed(undefined, true));
  client.on(Events.ShardDisconnect, (event) => backoff.onClosed(event.code, false));
  // REST works before (or without) the gateway login, e.g. for one-shot CLI deliveries
  client.rest.setToken(opts.token);
  stripControlFromRequests(client);
  const failing = new Map<string, string>();
  const ids = new CustomIdCodec();
  const commands = opts.commands ?? COMMANDS;
  client.on(Events.Error, (err) => opts.logger.error({ err }, 'Discord client error'));
  client.rest.on('rateLimited', (d) => opts.logger.warn({ route: d.route, retryAfter: d.retryAfter, global: d.global }, 'Discord rate limit'));

  const failingList = () => [...failing].map(([channel, error]) => ({ channel, error }));

  async function post(channelId: string, outboxId: string, msg: Outgoing): Promise<DeliveryReceipt> {
    const { files, ...body } = msg;
    const payload = {
      ...body,
      nonce: nonceFor(outboxId),
      enforce_nonce: true,
      ...(files ? { attachments: files.map((f, id) => ({ id, filename: f.name })) } : {}),
    };
    try {
      const res = (await client.rest.post(Routes.channelMessages(channelId), { body: payload, files })) as APIMessage;
      failing.delete(channelId);
      return { messageId: res.id };
    } catch (err) {
      const { error, channelFailing } = classifyDeliveryError(err, channelId);
      if (channelFailing) failing.set(channelId, error.message);
      opts.logger.warn({ channelId, outboxId, err: error.message }, 'Discord delivery failed');
      throw error;
    }
  }

  return {
    name: 'discord',
    client,
    ids,
    commands,
    failingChannels: failingList,
    gateway: () => backoff.status(),
    health: () => ({ failingChannels: failingList(), gateway: backoff.status() }),
    async start() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('Discord gateway did not become ready in time')), opts.readyTimeoutMs ?? 30_000);
      });
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      try {
        // login() itself waits for the gateway handshake, so the deadline races both
        await Promise.race([Promise.all([client.login(opts.token), ready]), timeout]);
      } catch (err) {
        // destroy() waits for a pending handshake: do not let it hold the error back
        void client.destroy().catch(() => undefined);
        throw err;
      } finally {
        clearTimeout(timer);
      }
      const appId = client.application?.id ?? client.user?.id;
      if (!appId) throw new Error('Discord READY carried no application id');
      await syncCommands(client.rest, appId, opts.guildId, [...commands.values()].map((c) => c.data), opts.logger);
      opts.logger.info({ user: client.user?.tag, guildId: opts.guildId }, 'Discord ready');
    },
    async stop() {
      backoff.stop();
      await client.destroy();
    },
    async sendAlert(alert: Alert, outboxId: string) {
      const ping = shouldPing(alert.severity, opts.pingSeverity, opts.pingRoleId);
      return post(alertChannel(alert, opts), outboxId, {
        content: ping ? `<@&${opts.pingRoleId}> ${alert.severity} alert for ${safeText(alert.brand, 100)}` : undefined,
        embeds: [alertEmbed(alert)],
        components: alertButtons(alert, ids),
        allowed_mentions: ping ? { parse: [], roles: [opts.pingRoleId as string] } : { parse: [] },
      });
    },
    async sendDigest(digest: Digest, outboxId: string) {
      const name = digestChartName(digest);
      const png = await renderDigestChart(digest).catch((err: unknown) => {
        opts.logger.error({ err, brand: digest.brand }, 'Digest chart failed: sending the digest without it');
        return undefined;
      });
      return post(digestChannel(digest.brand, opts), outboxId, {
        embeds: [digestEmbed(digest, png ? name : undefined, outboxId)],
        allowed_mentions: { parse: [] },
        ...(png ? { files: [{ name, data: png, contentType: 'image/png' }] } : {}),
      });
    },
    async sendUpdate(alert: Alert, root: { outboxId: string; messageId: string; alert?: Alert }, outboxId: string) {
      // the incident's first message is where its own routing (brand, severity) put it
      const channelId = alertChannel(root.alert ?? alert, opts);
      const r = await updateIncident(client.rest, { channelId, messageId: root.messageId, alert, ids, post, logger: opts.logger, outboxId });
      if (r === 'root-gone') return this.sendAlert(alert, outboxId);
      return r;
    },
    findDelivered(outboxId: string, what: Delivery) {
      return findDelivered(client.rest, opts, client.user?.id, outboxId, what);
    },
    async sendNotice(notice: Notice, outboxId: string) {
      return post(opts.alertChannelId, outboxId, { embeds: [noticeEmbed(notice)], allowed_mentions: { parse: [] } });
    },
  };
}

/**
 * Every request body the client sends (alert, digest and notice posts, every interaction reply, edit, follow-up and
 * autocomplete answer) goes through the shared control-character sanitiser: the one place ANSI escapes, BEL and other
 * C0/C1 characters from feeds or users are removed on the way to Discord, whatever built the message.
 */
function stripControlFromRequests(client: Client): void {
  const request = client.rest.request.bind(client.rest);
  client.rest.request = (options) => request(options.body === undefined ? options : { ...options, body: stripControlDeep(options.body) });
}
