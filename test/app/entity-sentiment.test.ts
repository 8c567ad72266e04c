import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { RawItem } from '../../src/domain/types.js';
import type { MentionSource } from '../../src/sources/source.js';
import { recordingSink, tempBot, type TempBot } from '../support/temp-config.js';

describe('per-brand sentiment through the whole bot', () => {
  let bot: TempBot;
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    rmSync(bot.root, { recursive: true, force: true });
  });

  it("GIVEN a post about one brand's outage that names a second brand THEN each brand is stored with its own label, and a correction trains on the clauses that were scored", async () => {
    bot = tempBot({ brands: [{ name: 'Nimbus' }, { name: 'Stratus' }] });
    const item: RawItem = { sourceId: 'feed', sourceKind: 'rss', guid: 'urn:x:1', link: 'https://ex.example/1', title: 'Nimbus is down again and support is useless, we are moving to Stratus', text: '', publishedAt: '2026-11-23T11:00:00Z' };
    const source: MentionSource = { id: 'feed', kind: 'rss', intervalSeconds: 1, describe: 'feed', poll: () => Promise.resolve({ items: [item], state: {} }) };
    app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink: recordingSink(), demo: false, sources: [source] });
    const now = new Date('2026-11-23T12:00:00Z');
    await app.tick(now);
    const stored = await app.store.queryMentions({ limit: 10 });
    const by = Object.fromEntries(stored.map((m) => [m.brand, m.sentiment]));
    expect(by.Nimbus).toMatchObject({ label: 'negative', scope: 'clauses', scopedText: 'Nimbus is down again and support is useless' });
    expect(by.Stratus).toMatchObject({ scope: 'clauses', scopedText: 'we are moving to Stratus' });
    expect(by.Stratus?.label).not.toBe('negative');
    const stratus = stored.find((m) => m.brand === 'Stratus')!;
    const r = await app.api.correctSentiment(stratus.key, 'positive', 'u1', now);
    expect(r.ok).toBe(true);
    expect((await app.store.feedback()).map((f) => f.text)).toEqual(['we are moving to Stratus']);
  });
});
