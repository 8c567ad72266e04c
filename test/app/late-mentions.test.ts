import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { RawItem } from '../../src/domain/types.js';
import type { MentionSource } from '../../src/sources/source.js';
import { recordingSink, tempBot, type TempBot } from '../support/temp-config.js';

describe('late-arriving mentions', () => {
  let bot: TempBot;
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    rmSync(bot.root, { recursive: true, force: true });
  });

  it('GIVEN a crisis mention published 5 h before it is fetched THEN it still raises its alert, once', async () => {
    bot = tempBot({ brands: [{ name: 'Nimbus' }], settings: { alerts: { crisisKeywords: ['lawsuit'] } } });
    const items: RawItem[] = [];
    const source: MentionSource = { id: 'slow-feed', kind: 'rss', intervalSeconds: 1, describe: 'a feed that publishes late', poll: () => Promise.resolve({ items: [...items], state: {} }) };
    const sink = recordingSink();
    app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink, demo: false, sources: [source] });
    const t0 = Date.parse('2026-11-23T12:00:00Z');
    await app.tick(new Date(t0)); // first poll: empty, silent
    items.push({ sourceId: 'slow-feed', sourceKind: 'rss', guid: 'urn:late:1', link: 'https://ex.example/late', title: 'Nimbus faces a lawsuit over lost customer data, terrible', text: 'furious customers', publishedAt: new Date(t0 - 5 * 3_600_000).toISOString() });
    await app.tick(new Date(t0 + 60_000));
    await app.tick(new Date(t0 + 120_000));
    const crisis = sink.alerts.filter((a) => a.alert.rule === 'crisis-keyword');
    expect(crisis).toHaveLength(1);
    expect(crisis[0]?.alert.mentions[0]?.url).toBe('https://ex.example/late');
    expect(await app.store.kvGet<string[]>('alerts.pendingMentions')).toEqual([]);
  });
});

describe('disabled sources', () => {
  let bot: TempBot;
  afterEach(() => rmSync(bot.root, { recursive: true, force: true }));

  it('GIVEN a source disabled after repeated failures THEN a restart polls it again', async () => {
    bot = tempBot({ brands: [{ name: 'Nimbus' }] });
    let calls = 0;
    const source: MentionSource = { id: 'flaky', kind: 'rss', intervalSeconds: 1, describe: 'flaky', poll: () => (calls++, Promise.reject(new Error('HTTP 503'))) };
    let app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink: recordingSink(), demo: false, sources: [source] });
    let t = Date.parse('2026-11-23T12:00:00Z');
    for (let i = 0; i < 11; i++, t += 7 * 3_600_000) await app.tick(new Date(t));
    expect((await app.store.sourceHealth())[0]?.disabled).toBe(true);
    const before = calls;
    await app.tick(new Date(t + 86_400_000));
    expect(calls).toBe(before);
    await app.close();
    app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink: recordingSink(), demo: false, sources: [source] });
    await app.tick(new Date(t + 2 * 86_400_000));
    expect(calls).toBe(before + 1);
    expect((await app.store.sourceHealth())[0]?.disabled).toBe(false);
    await app.close();
  });
});
