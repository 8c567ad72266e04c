import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build.js';
import { ACKS_KEY, type AckRecord } from '../../src/pipeline/digests.js';
import { silentLogger } from '../../src/shared/logger.js';
import { DiscordStandin, opt, sub, type StoredMessage } from '../support/discord-standin/index.js';
import { tempBot, type TempBot } from '../support/temp-config.js';
import { finalAnswer } from '../chat/discord/answers.js';
import { pngSize } from '../chat/discord/png.js';
import { startLiveFeed, type LiveFeed } from './live-feed.js';
import { sumOf } from '../../src/shared/metrics.js';

const ALERT_CHANNEL = '810000000000000001';
const DIGEST_CHANNEL = '810000000000000002';
const MANAGER_ROLE = '820000000000000001';
const ALICE = { userId: '700000000000000042', username: 'alice' };
const MANAGER = { userId: '700000000000000043', username: 'mia', roles: [MANAGER_ROLE] };

type Embed = { title?: string; description?: string; footer?: { text: string }; image?: { url: string } };
type Button = { custom_id: string; label: string };
const embedOf = (m: StoredMessage) => m.embeds[0] as Embed;
const alertIdOf = (m: StoredMessage) => embedOf(m).footer?.text.replace(/^Alert /, '');

describe('the whole bot on Discord: real composition root, real BotApi, real discord.js client against the stand-in', () => {
  let discord: DiscordStandin;
  let feed: LiveFeed;
  let bot: TempBot;
  let app: App;
  // event time runs a little ahead of the wall clock so every tick finds the 0.2 s feed due without sleeping
  let clock = Date.now();
  const step = (ms = 1000) => new Date((clock += ms));

  const start = async (): Promise<App> => {
    const a = await buildApp({
      configDir: bot.configDir,
      dataDir: bot.dataDir,
      env: {
        DISCORD_TOKEN: 'x',
        DISCORD_API_URL: discord.apiUrl,
        DISCORD_GUILD_ID: discord.guildId,
        DISCORD_ALERT_CHANNEL_ID: ALERT_CHANNEL,
        DISCORD_DIGEST_CHANNEL_ID: DIGEST_CHANNEL,
        DISCORD_MANAGER_ROLE_ID: MANAGER_ROLE,
      },
      logger: silentLogger(),
    });
    await a.sink.start();
    return a;
  };
  const alertMessages = () => discord.channelMessages(ALERT_CHANNEL).filter((m) => embedOf(m).footer?.text.startsWith('Alert '));

  beforeAll(async () => {
    discord = await DiscordStandin.start({ channelId: ALERT_CHANNEL });
    feed = await startLiveFeed();
    bot = tempBot({
      brands: [{ name: 'Nimbus' }, { name: 'Stratus' }, { name: 'Brightloom' }],
      sources: { feeds: [{ id: 'local-news', url: feed.url, intervalSeconds: 0.2 }], reddit: { enabled: false, rssFallback: false } },
      settings: {},
    });
    app = await start();
  });
  afterAll(async () => {
    await app?.sink.stop();
    await app?.close();
    await feed?.close();
    await discord?.close();
    if (bot) rmSync(bot.root, { recursive: true, force: true });
  });

  it('becomes ready, registers its slash commands in the guild, and posts an alert from the feed that pings nobody', async () => {
    expect(app.sink.name).toBe('discord');
    expect(discord.identified).toBe(1);
    expect(discord.commandPuts).toBe(1);
    expect((discord.commands.get(discord.guildId) ?? []).map((c) => c.name).sort()).toEqual(['alerts', 'ask', 'compare', 'digest', 'event', 'explain', 'feeds', 'forecast', 'forget', 'impact', 'mentions', 'reputation', 'status', 'trends', 'watch']);

    feed.publish('Nimbus opens a new office in Lisbon', new Date(clock));
    feed.publish('Stratus ships its spring update', new Date(clock));
    const first = await app.tick(step());
    expect(first.mentions).toBe(2);
    expect(alertMessages()).toHaveLength(0); // the first poll of a source is stored silently

    feed.publish('Nimbus faces a lawsuit @everyone <@&123>', new Date(clock));
    await app.tick(step());
    const alerts = alertMessages();
    expect(alerts).toHaveLength(1);
    const msg = alerts[0]!;
    expect(alertIdOf(msg)).toMatch(/^incident:Nimbus:/);
    expect(msg.allowed_mentions).toEqual({ parse: [] });
    expect(msg.content).toBe('');
    expect(embedOf(msg).title).toContain('lawsuit');
    expect(embedOf(msg).title).not.toMatch(/@everyone|<@&123>/);
    const buttons = (msg.components[0] as { components: Button[] }).components;
    expect(buttons.map((b) => b.label)).toEqual(['Acknowledge', 'Wrong sentiment', 'Mute 24 h']);
    expect((await app.store.outboxGet(alertIdOf(msg)!))?.status).toBe('sent');
  });

  it('enqueues and delivers digests to the digest channel as multipart with a PNG chart', async () => {
    const now = step();
    expect(await app.enqueueDigests(now)).toBe(3);
    await app.deliver(now);
    const digests = discord.channelMessages(DIGEST_CHANNEL);
    expect(digests.map((m) => embedOf(m).title).sort()).toEqual([expect.stringContaining('Brightloom'), expect.stringContaining('Nimbus'), expect.stringContaining('Stratus')]);
    for (const m of digests) {
      expect(m.files).toHaveLength(1);
      expect(pngSize(m.files[0]!.data)).toBeDefined();
      expect(embedOf(m).image?.url).toBe(`attachment://${m.files[0]!.name}`);
    }
    const posts = discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${DIGEST_CHANNEL}/messages`);
    expect(posts.every((r) => String(r.headers['content-type']).startsWith('multipart/form-data'))).toBe(true);
    expect(discord.channelMessages(ALERT_CHANNEL).filter((m) => m.files.length > 0)).toHaveLength(0);
  });

  it('stores an Acknowledge pressed on the delivered alert, with the user', async () => {
    const msg = alertMessages()[0]!;
    const id = alertIdOf(msg)!;
    const ack = (msg.components[0] as { components: Button[] }).components.find((b) => b.label === 'Acknowledge')!;
    const answer = await finalAnswer(discord, await discord.click(msg, ack.custom_id, ALICE));
    expect(answer.ephemeral).toBe(true);
    expect(answer.content).toMatch(/^✅ Acknowledged/);
    const acks = await app.store.kvGet<Record<string, AckRecord>>(ACKS_KEY);
    expect(acks?.[id]?.by).toBe(ALICE.userId);
  });

  it('answers slash commands from the real BotApi, enforces the manager role, and a watched brand survives a restart', async () => {
    const rep = await finalAnswer(discord, await discord.slash('reputation', [opt('brand', 'Nimbus')], ALICE));
    expect(rep.embeds[0]?.title).toBe('Reputation · Nimbus');
    expect(rep.embeds[0]?.description).toMatch(/^\*\*ORI \d+\.\d\*\* \/ 100/);
    // computed from what the feed delivered: the lawsuit mention is the top negative contributor
    expect(rep.embeds[0]?.fields?.find((f) => f.name === 'Top contributors')?.value).toMatch(/^🔴 1\. \[Nimbus faces a lawsuit/);

    // /ask over the same store: a figure, and a link to the stored mention it quotes, seen only by the asker
    const ask = await finalAnswer(discord, await discord.slash('ask', [opt('question', 'show the worst Nimbus mentions today')], ALICE));
    expect(ask.ephemeral).toBe(true);
    expect(ask.embeds[0]?.description).toMatch(/Nimbus, today: the \d+ most negative mentions? by reach and confidence/);
    const quoted = ask.embeds[0]?.fields?.find((f) => f.name === 'Quoted mentions')?.value ?? '';
    const stored = (await app.store.queryMentions({ brand: 'Nimbus' })).map((m) => m.url);
    const links = [...quoted.matchAll(/\]\((https?:[^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(stored).toContain(l);

    const status = await finalAnswer(discord, await discord.slash('status', [], ALICE));
    const sources = JSON.stringify(status.embeds[0]);
    expect(sources).toContain(feed.url);

    const privateFeed = await finalAnswer(discord, await discord.slash('feeds', [sub('add', [opt('url', 'http://127.0.0.1:9/feed.xml')])], MANAGER));
    expect(privateFeed.ephemeral).toBe(true);
    expect(privateFeed.content).toMatch(/private or local address/);
    expect(app.api.feedList().map((f) => f.url)).toEqual([feed.url]);

    const refused = await finalAnswer(discord, await discord.slash('watch', [sub('add', [opt('name', 'Hooli')])], ALICE));
    expect(refused.content).toMatch(/manager role/);
    const added = await finalAnswer(discord, await discord.slash('watch', [sub('add', [opt('name', 'Globex')])], MANAGER));
    expect(added.content).toMatch(/Globex/);
    expect((await app.api.watchList()).map((b) => b.name)).toEqual(['Nimbus', 'Stratus', 'Brightloom', 'Globex']);

    await app.sink.stop();
    await app.close();
    app = await start();
    expect(discord.identified).toBe(2);
    expect(discord.commandPuts).toBe(1); // unchanged commands are not re-registered
    const list = await finalAnswer(discord, await discord.slash('watch', [sub('list')], MANAGER));
    expect(list.embeds[0]?.description).toContain('**Globex**');
    expect(list.embeds[0]?.description).not.toContain('Hooli');
  });

  it('through a 500 then 429 outage, alerts are delayed, then delivered exactly once each, in order', async () => {
    feed.publish('Stratus hit by a data breach', new Date(clock));
    feed.publish('Globex recall announced for all units', new Date(clock));
    const alertPosts = () => discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${ALERT_CHANNEL}/messages`).length;
    // each send is tried 4 times by the client (3 retries); a transient failure ends the round and backs that entry
    // off, and the outbox is FIFO: the newer alert waits behind it
    discord.failNextPosts(8, { status: 500 });
    const outageAt = step();
    await app.tick(outageAt);
    const pending = (await app.store.outboxDue(new Date(8.64e15))).filter((e) => e.payload.kind === 'alert');
    expect(pending.map((e) => e.payload.kind === 'alert' && e.payload.alert.brand).sort()).toEqual(['Globex', 'Stratus']);
    expect(pending.map((e) => e.attempts).sort()).toEqual([0, 1]);
    const first = pending.find((e) => e.attempts === 1)!;
    const second = pending.find((e) => e.attempts === 0)!;
    expect(alertMessages()).toHaveLength(1);

    // Discord is back, but the first alert's backoff has not ended: no request at all, the second one waits
    const before = alertPosts();
    await app.deliver(new Date(outageAt.getTime() + 10_000));
    expect(alertPosts()).toBe(before);

    // the rest of the outage: the first is tried again and fails; then Discord stores the post but every reply is lost
    await app.deliver(new Date(outageAt.getTime() + 20_000));
    expect((await app.store.outboxGet(first.id))?.attempts).toBe(2);
    discord.failNextPosts(4, { status: 500, afterStore: true });
    await app.deliver(new Date(outageAt.getTime() + 60_000));
    expect(alertMessages()).toHaveLength(2);
    expect((await app.store.outboxGet(first.id))?.status).toBe('pending');
    expect((await app.store.outboxGet(second.id))?.attempts).toBe(0);

    // later, one 429 (retry_after 0.2 s, which the client waits out): the first, tried before, is looked up among the
    // channel's recent messages first, found (Discord had stored it) and marked sent without a new post; then the
    // second goes out
    discord.failNextPosts(1, { status: 429, retryAfterSeconds: 0.2 });
    await app.deliver(new Date(outageAt.getTime() + 5 * 60_000));
    expect(discord.requests.some((r) => r.status === 429)).toBe(true);
    expect((await app.store.outboxGet(first.id))?.status).toBe('sent');
    expect((await app.store.outboxGet(second.id))?.status).toBe('sent');
    const firstMsg = alertMessages().find((m) => alertIdOf(m) === first.id);
    const withNonce = discord.requests.filter((r) => (r.body as { nonce?: unknown } | undefined)?.nonce === firstMsg?.nonce);
    expect(withNonce.map((r) => r.status)).toEqual(Array(12).fill(500));
    expect(discord.requests.some((r) => r.method === 'GET' && r.path === `/channels/${ALERT_CHANNEL}/messages`)).toBe(true);
    expect(await sumOf(app.metrics.deliveries, { outcome: 'reconciled' })).toBe(1);
    expect((await app.store.outboxGet(first.id))?.messageId).toBe(firstMsg?.id);

    for (const e of pending) expect(alertMessages().filter((m) => alertIdOf(m) === e.id)).toHaveLength(1);
    expect(alertMessages()).toHaveLength(3);
    // in the order they were raised
    expect(alertMessages().slice(1).map((m) => alertIdOf(m))).toEqual([first.id, second.id]);
    expect(await app.store.outboxDue(new Date(8.64e15))).toHaveLength(0);
  });
});
