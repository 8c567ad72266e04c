import { describe, expect, it } from 'vitest';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../src/chat/sink.js';
import { CHART_HEIGHT, CHART_WIDTH } from '../../../src/chat/discord/charts/digest-chart.js';
import { createDiscordSink } from '../../../src/chat/discord/discord-sink.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { DiscordStandin } from '../../support/discord-standin/index.js';
import { sampleAlert, sampleDigest } from './fake-bot-api.js';
import { pngSize } from './png.js';
import { PING_ROLE, startHarness, useHarness } from './sink-harness.js';
import { until } from '../../support/until.js';

type Embed = { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string }; image?: { url: string } };

describe('Discord sink against the stand-in (real discord.js client)', () => {
  const h = useHarness();

  it('becomes ready over the gateway and registers the slash commands in the guild once', async () => {
    expect(h.sink.client.isReady()).toBe(true);
    expect(h.discord.commandPuts).toBe(1);
    const names = (h.discord.commands.get(h.discord.guildId) ?? []).map((c) => c.name).sort();
    expect(names).toEqual(['alerts', 'ask', 'compare', 'digest', 'event', 'explain', 'feeds', 'forecast', 'forget', 'impact', 'mentions', 'reputation', 'status', 'trends', 'watch']);
    const watch = h.discord.commands.get(h.discord.guildId)?.find((c) => c.name === 'watch');
    expect(watch?.default_member_permissions).toBe('32');
    expect(h.discord.commands.get(h.discord.guildId)?.find((c) => c.name === 'forget')?.default_member_permissions).toBe('32');
  });

  it('does not re-register unchanged commands on a second start, but does when they change', async () => {
    const again = await startHarness({}, h.discord);
    await again.sink.stop();
    expect(h.discord.commandPuts).toBe(1);
    expect(h.discord.identified).toBe(2);
    const changed = await startHarness({ commands: new Map([['status', { data: { name: 'status', description: 'changed' }, ephemeral: true, defer: false, execute: async () => ({ ok: true as const, value: {} }) }]]) }, h.discord);
    await changed.sink.stop();
    expect(h.discord.commandPuts).toBe(2);
    // put the real set back for the other tests
    const restored = await startHarness({}, h.discord);
    await restored.sink.stop();
    expect(h.discord.commandPuts).toBe(3);
  });

  it('posts an alert as an embed with buttons, and feed text pings nobody', async () => {
    const alert = sampleAlert({ id: 'alert-mentions', severity: 'warning', title: '@everyone <@&123> <@456> look', explanation: { ...sampleAlert().explanation, summary: 'hey @here <@!789>' } });
    const receipt = await h.sink.sendAlert(alert, 'outbox-mentions');
    const msg = h.discord.channelMessages().find((m) => m.id === receipt.messageId);
    expect(msg).toBeDefined();
    expect(msg?.allowed_mentions).toEqual({ parse: [] });
    expect(msg?.content).toBe('');
    const embed = msg?.embeds[0] as Embed;
    expect(embed.title).toContain('everyone');
    expect(embed.title).not.toMatch(/@everyone|<@&123>|<@456>/);
    expect(embed.description).not.toMatch(/@here|<@!789>/);
    expect(embed.footer?.text).toBe('Alert alert-mentions');
    expect(embed.fields?.map((f) => f.name)).toEqual(expect.arrayContaining(['Rule', 'Window', 'Now · usually · alert level', 'ORI', 'Top mentions (5 of 6)']));
    const ids = (msg?.components[0] as { components: { custom_id: string; label: string }[] }).components.map((c) => `${c.label}=${c.custom_id}`);
    expect(ids).toEqual(['Acknowledge=ack:alert-mentions', 'Wrong sentiment=wrong:alert-mentions', 'Mute 24 h=mute:alert-mentions']);
  });

  it('pings only the configured role, and only from the ping severity up', async () => {
    const receipt = await h.sink.sendAlert(sampleAlert({ id: 'alert-critical', title: '@everyone' }), 'outbox-critical');
    const msg = h.discord.channelMessages().find((m) => m.id === receipt.messageId);
    expect(msg?.allowed_mentions).toEqual({ parse: [], roles: [PING_ROLE] });
    expect(msg?.content).toContain(`<@&${PING_ROLE}>`);
  });

  it('posts a digest as multipart with a PNG chart the embed points at', async () => {
    const receipt = await h.sink.sendDigest(sampleDigest(), 'digest-acme-2026-11-23');
    const req = h.discord.requests.find((r) => r.method === 'POST' && r.status === 200 && r.files.length > 0);
    expect(req?.headers['content-type']).toMatch(/^multipart\/form-data/);
    const msg = h.discord.channelMessages().find((m) => m.id === receipt.messageId);
    const file = msg?.files[0];
    expect(file?.name).toBe('digest-acme-2026-11-23.png');
    expect(pngSize(file?.data ?? Buffer.alloc(0))).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
    expect((msg?.embeds[0] as Embed).image?.url).toBe('attachment://digest-acme-2026-11-23.png');
  });

  it('sends a notice as a plain embed', async () => {
    const receipt = await h.sink.sendNotice({ id: 'n1', level: 'warning', title: 'Feed disabled', text: 'acme-news failed 10 times', createdAt: '2026-11-23T12:00:00.000Z' }, 'notice-n1');
    const msg = h.discord.channelMessages().find((m) => m.id === receipt.messageId);
    expect((msg?.embeds[0] as Embed).description).toBe('acme-news failed 10 times');
  });
});

describe('Discord sink failures', () => {
  const h = useHarness();
  const stored = (alertId: string) => h.discord.channelMessages().filter((m) => (m.embeds[0] as Embed).footer?.text === `Alert ${alertId}`);

  it('5xx beyond the client retries is transient; a later retry delivers exactly one message', async () => {
    h.discord.failNextPosts(2, { status: 500 });
    await expect(h.sink.sendAlert(sampleAlert({ id: 'a-500' }), 'ob-500')).rejects.toBeInstanceOf(TransientDeliveryError);
    await h.sink.sendAlert(sampleAlert({ id: 'a-500' }), 'ob-500');
    expect(stored('a-500')).toHaveLength(1);
  });

  it('a short 429 is waited out by @discordjs/rest itself', async () => {
    h.discord.failNextPosts(1, { status: 429, retryAfterSeconds: 0.05 });
    await h.sink.sendAlert(sampleAlert({ id: 'a-429-short' }), 'ob-429-short');
    expect(stored('a-429-short')).toHaveLength(1);
  });

  it('a long 429 is transient with retryAfterMs, and the retry after it delivers once', async () => {
    h.discord.failNextPosts(1, { status: 429, retryAfterSeconds: 1.2 });
    const err = await h.sink.sendAlert(sampleAlert({ id: 'a-429' }), 'ob-429').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientDeliveryError);
    expect((err as TransientDeliveryError).retryAfterMs).toBeGreaterThan(1000);
    // retried as the outbox would, until it goes through: while the bucket is held longer than the sink waits, the
    // send fails as transient again; once the reset is near enough, @discordjs/rest waits it out and delivers
    const delivered = (): Promise<boolean> =>
      h.sink.sendAlert(sampleAlert({ id: 'a-429' }), 'ob-429').then(
        () => true,
        (e: unknown) => {
          if (e instanceof TransientDeliveryError) return false;
          throw e;
        },
      );
    await until(delivered, { everyMs: 50, timeoutMs: 5_000, what: 'the retry after the long 429 to deliver' });
    expect(stored('a-429')).toHaveLength(1);
  });

  it('a reply lost after Discord stored the message is not duplicated on retry (nonce + enforce_nonce)', async () => {
    h.discord.failNextPosts(2, { status: 502, afterStore: true });
    await expect(h.sink.sendAlert(sampleAlert({ id: 'a-lost' }), 'ob-lost')).rejects.toBeInstanceOf(TransientDeliveryError);
    await h.sink.sendAlert(sampleAlert({ id: 'a-lost' }), 'ob-lost');
    expect(stored('a-lost')).toHaveLength(1);
    const posts = h.discord.requests.filter((r) => r.method === 'POST' && (r.body as { nonce?: string } | undefined)?.nonce !== undefined && JSON.stringify(r.body).includes('a-lost'));
    expect(posts.length).toBe(3);
    expect(new Set(posts.map((r) => (r.body as { nonce: string }).nonce)).size).toBe(1);
    expect(posts.every((r) => (r.body as { enforce_nonce: boolean }).enforce_nonce)).toBe(true);
  });

  it('403 on a channel is permanent and the channel is listed as failing until a send there succeeds', async () => {
    h.discord.failChannel('811111111111111111', 403);
    await h.sink.sendNotice({ id: 'n', level: 'info', title: 't', text: 'x', createdAt: '2026-11-23T12:00:00.000Z' }, 'ob-n');
    expect(h.sink.failingChannels()).toEqual([]);
    const other = await startHarness({ alertChannelId: '811111111111111111' }, h.discord);
    try {
      const e403 = await other.sink.sendAlert(sampleAlert({ id: 'a-403' }), 'ob-403').catch((e: unknown) => e);
      expect(e403).toBeInstanceOf(PermanentDeliveryError);
      expect((e403 as PermanentDeliveryError).target).toBe('811111111111111111');
      expect(other.sink.failingChannels()).toEqual([{ channel: '811111111111111111', error: expect.stringContaining('Missing Access') }]);
      h.discord.restoreChannel('811111111111111111');
      await other.sink.sendAlert(sampleAlert({ id: 'a-403' }), 'ob-403');
      expect(other.sink.failingChannels()).toEqual([]);
    } finally {
      await other.sink.stop();
    }
  });

  it('404 Unknown Channel on a brand channel is permanent too', async () => {
    h.discord.failChannel('812222222222222222', 404);
    const other = await startHarness({ brandChannels: { acme: '812222222222222222' } }, h.discord);
    try {
      await expect(other.sink.sendAlert(sampleAlert({ id: 'a-404' }), 'ob-404')).rejects.toBeInstanceOf(PermanentDeliveryError);
      expect(other.sink.failingChannels().map((f) => f.channel)).toEqual(['812222222222222222']);
    } finally {
      await other.sink.stop();
    }
  });
});

describe('without a gateway login', () => {
  it('still delivers over REST (one-shot CLI runs)', async () => {
    const discord = await DiscordStandin.start();
    const sink = createDiscordSink({ token: 't', apiUrl: discord.apiUrl, alertChannelId: discord.channelId, pingSeverity: 'critical', brandChannels: {}, severityChannels: {}, logger: silentLogger() });
    try {
      const r = await sink.sendNotice({ id: 'n', level: 'info', title: 'hello', text: 'x', createdAt: '2026-11-23T12:00:00.000Z' }, 'ob');
      expect(discord.channelMessages().map((m) => m.id)).toEqual([r.messageId]);
      expect(discord.identified).toBe(0);
    } finally {
      await sink.stop();
      await discord.close();
    }
  });
});
