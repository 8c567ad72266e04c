/* eslint-disable no-control-regex */
/**
 * Control characters never reach chat (issue 12, item 3): a feed title carrying an ANSI escape and BEL goes through
 * the real bot (feed client, pipeline, alert, outbox) to the real discord.js client against the Discord stand-in, and
 * through slash commands, a button and a digest that show it. Not one request body the stand-in receives holds a
 * C0/C1 control character (newline and tab aside), while the visible text ("RED") arrives. The console sink, the
 * other chat path, is checked on the same title.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build.js';
import { createConsoleSink } from '../../src/chat/console/console-sink.js';
import { silentLogger } from '../../src/shared/logger.js';
import { stripControl } from '../../src/shared/text.js';
import { DiscordStandin, opt, type StoredMessage } from '../support/discord-standin/index.js';
import { tempBot, type TempBot } from '../support/temp-config.js';
import { finalAnswer } from '../chat/discord/answers.js';
import { startLiveFeed, type LiveFeed } from './live-feed.js';

const ALERT_CHANNEL = '810000000000000011';
const USER = { userId: '700000000000000042', username: 'alice' };
const HOSTILE = 'Nimbus faces a lawsuit \u001b[31mRED\u0007';
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Every string inside a value (a request body) that holds a control character. */
function controlStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (CONTROL.test(value)) out.push(JSON.stringify(value));
  } else if (Array.isArray(value)) {
    for (const v of value) controlStrings(v, out);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) controlStrings(v, out);
  }
  return out;
}

describe('control characters in a feed title, on every chat path', () => {
  let discord: DiscordStandin;
  let feed: LiveFeed;
  let bot: TempBot;
  let app: App;
  let alertId = '';
  let clock = Date.now();
  const step = (ms = 1000) => new Date((clock += ms));

  beforeAll(async () => {
    discord = await DiscordStandin.start({ channelId: ALERT_CHANNEL });
    feed = await startLiveFeed();
    bot = tempBot({
      brands: [{ name: 'Nimbus' }],
      sources: { feeds: [{ id: 'local-news', url: feed.url, intervalSeconds: 0.2 }], reddit: { enabled: false, rssFallback: false } },
      settings: {},
    });
    app = await buildApp({
      configDir: bot.configDir,
      dataDir: bot.dataDir,
      env: { DISCORD_TOKEN: 'x', DISCORD_API_URL: discord.apiUrl, DISCORD_GUILD_ID: discord.guildId, DISCORD_ALERT_CHANNEL_ID: ALERT_CHANNEL },
      logger: silentLogger(),
    });
    await app.sink.start();
  });
  afterAll(async () => {
    await app?.sink.stop();
    await app?.close();
    await feed?.close();
    await discord?.close();
    if (bot) rmSync(bot.root, { recursive: true, force: true });
  });

  it('the title arrives in the store as the feed sent it (the hostile input is real)', async () => {
    feed.publish('Nimbus opens a new office', new Date(clock));
    await app.tick(step()); // first poll: stored silently
    feed.publish(HOSTILE, new Date(clock));
    await app.tick(step());
    const titles = (await app.store.queryMentions({ limit: 10 })).map((m) => m.title);
    expect(titles.some((t) => t.includes('\u001b[31m') && t.includes('\u0007'))).toBe(true);
  });

  it('alert, commands, button and digest payloads hold no control character, and the text arrives', async () => {
    const alert = discord.channelMessages(ALERT_CHANNEL).find((m: StoredMessage) => JSON.stringify(m.embeds).includes('RED'));
    expect(alert).toBeDefined();
    alertId = (alert!.embeds[0] as { footer?: { text: string } }).footer?.text.replace(/^Alert /, '') ?? '';

    const answers = [
      await finalAnswer(discord, await discord.slash('mentions', [opt('brand', 'Nimbus')], USER)),
      await finalAnswer(discord, await discord.slash('reputation', [opt('brand', 'Nimbus')], USER)),
      await finalAnswer(discord, await discord.slash('explain', [opt('alert-id', alertId)], USER)),
      await finalAnswer(discord, await discord.slash('digest', [opt('brand', 'Nimbus')], USER)),
    ];
    const ack = (alert!.components[0] as { components: { custom_id: string; label: string }[] }).components.find((b) => b.label === 'Acknowledge');
    answers.push(await finalAnswer(discord, await discord.click(alert!, ack!.custom_id, USER)));
    const now = step();
    await app.enqueueDigests(now);
    await app.deliver(now);

    const sent = discord.requests.filter((r) => r.method !== 'GET' && r.body !== undefined);
    const withRed = sent.filter((r) => JSON.stringify(r.body).includes('RED'));
    // the alert, /mentions, /reputation, /explain, /digest and the delivered digest all show the title
    expect(withRed.length).toBeGreaterThanOrEqual(6);
    expect(answers.filter((a) => JSON.stringify(a).includes('RED')).length).toBeGreaterThanOrEqual(4);
    expect(sent.flatMap((r) => controlStrings(r.body))).toEqual([]);
    expect(discord.channelMessages(ALERT_CHANNEL).flatMap((m) => controlStrings(m))).toEqual([]);
  });

  it('the console sink writes the same alert without control characters, as text and as JSON', async () => {
    const entry = await app.store.outboxGet(alertId);
    expect(entry?.payload.kind).toBe('alert');
    const out: string[] = [];
    for (const json of [false, true]) {
      const sink = createConsoleSink({ json, write: (t) => void out.push(t) });
      if (entry?.payload.kind === 'alert') await sink.sendAlert(entry.payload.alert, entry.id);
    }
    // the alert as stored still carries the raw title: only the chat paths clean it
    expect(JSON.stringify(entry)).toContain('\\u001b[31m');
    expect(out.join('')).toContain('RED');
    expect(out.map((t) => (json(t) ? JSON.parse(t) : t)).flatMap((v) => controlStrings(v))).toEqual([]);
    expect(out.filter((t) => !json(t)).join('')).toBe(stripControl(out.filter((t) => !json(t)).join('')));
  });
});

const json = (t: string): boolean => t.startsWith('{');
