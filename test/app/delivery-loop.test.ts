import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { Alert, RawItem } from '../../src/domain/types.js';
import type { MentionSource } from '../../src/sources/source.js';
import { recordingSink, tempBot, type TempBot } from '../support/temp-config.js';
import { turn, until } from '../support/until.js';

const KEYWORDS = ['lawsuit', 'breach', 'boycott'];
const item = (n: number, at: number): RawItem => ({
  sourceId: 'feed',
  sourceKind: 'rss',
  guid: `urn:loop:${n}`,
  link: `https://ex.example/${n}`,
  title: `Nimbus faces a ${KEYWORDS[n - 1]} (number ${n}), terrible`,
  text: 'furious customers',
  publishedAt: new Date(at).toISOString(),
});

describe('delivery on its own loop', () => {
  let bot: TempBot;
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    rmSync(bot.root, { recursive: true, force: true });
  });

  it('GIVEN chat hangs (a long rate limit) THEN listening goes on storing, and every alert is delivered once when it answers', async () => {
    bot = tempBot({ brands: [{ name: 'Nimbus' }], settings: { alerts: { crisisKeywords: KEYWORDS } } });
    const items: RawItem[] = [];
    const source: MentionSource = { id: 'feed', kind: 'rss', intervalSeconds: 1, describe: 'feed', poll: () => Promise.resolve({ items: [...items], state: {} }) };
    const sink = recordingSink();
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    let sends = 0;
    const hanging = { ...sink, sendAlert: async (a: Alert, id: string) => (sends++, await held, sink.sendAlert(a, id)) };
    app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink: hanging, demo: false, sources: [source] });
    const t0 = Date.parse('2026-11-23T12:00:00Z');
    await app.listen(new Date(t0)); // first poll: empty, silent
    // three rounds of listening while the first delivery hangs: each stores its mention and queues its alert
    for (let i = 1; i <= 3; i++) {
      items.push(item(i, t0 + i * 60_000));
      const heard = await app.listen(new Date(t0 + i * 60_000 + 1_000));
      expect(heard.mentions).toBe(1);
      app.deliverSoon(new Date(t0 + i * 60_000 + 1_000));
      if (i === 1) await until(() => sends > 0, { everyMs: 0, what: 'the first send to hang' });
    }
    for (let i = 0; i < 20; i++) await turn();
    expect(sends).toBe(1);
    expect((await app.store.queryMentions({ brand: 'Nimbus', limit: 10 })).length).toBe(3);
    release();
    await app.deliveryIdle();
    // the incident's first message, then one update per new crisis keyword: each delivered once, none lost
    const messages = [...sink.alerts, ...sink.updates];
    expect(sink.alerts).toHaveLength(1);
    expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
    expect(messages.flatMap((m) => m.alert.mentions.map((x) => x.url))).toEqual(expect.arrayContaining(['https://ex.example/1', 'https://ex.example/2', 'https://ex.example/3']));
    expect((await app.store.outboxCounts()).pending).toBe(0);
  });
});
