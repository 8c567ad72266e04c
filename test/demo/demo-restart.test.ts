import { readFileSync, rmSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/build.js';
import { DEMO_ITEM_BASE, startDemoServer } from '../../src/demo/demo-server.js';
import { itemKey } from '../../src/matching/identity.js';
import { parseFeed } from '../../src/sources/rss/parse-feed.js';
import { silentLogger } from '../../src/shared/logger.js';
import { recordingSink, tempBot } from '../support/temp-config.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** Item keys the pipeline would give every item of a demo feed. */
async function keysOf(baseUrl: string, feed: string): Promise<string[]> {
  const xml = await (await fetch(`${baseUrl}/feeds/${feed}.xml`)).text();
  const parsed = await parseFeed(xml, baseUrl);
  return parsed.items.map((i) => itemKey({ ...i, sourceId: `demo-${feed}`, sourceKind: 'rss' })).sort();
}

describe('demo restarts', () => {
  it('GIVEN two demo servers started at different times on different ports THEN the same items have the same identity', async () => {
    let t = Date.parse('2026-12-01T10:00:00Z');
    const clock = (): number => t;
    const a = await startDemoServer({ revealEveryMs: 1000, now: clock });
    cleanups.push(() => a.close());
    t += 3_600_000; // an hour later: every date differs, and the live part has been revealed
    const b = await startDemoServer({ revealEveryMs: 1000, now: clock });
    cleanups.push(() => b.close());
    expect(a.url).not.toBe(b.url);
    t += 30_000;
    for (const feed of ['tech-news', 'consumer-forum', 'social']) {
      const [ka, kb] = [await keysOf(a.url, feed), await keysOf(b.url, feed)];
      expect(ka.length).toBeGreaterThan(10);
      expect(kb).toEqual(ka);
    }
    const xml = await (await fetch(`${b.url}/feeds/social.xml`)).text();
    expect(xml).toContain(`<link>${DEMO_ITEM_BASE}/posts/`);
    expect(xml).not.toMatch(/<link>http:\/\/127\.0\.0\.1:\d+\/posts/);
  });

  it('GIVEN the demo run once on a data directory THEN a second start on the same data stores no mention again', async () => {
    const shipped = parse(readFileSync('config/sources.yaml', 'utf8')) as { feeds: { intervalSeconds: number }[] };
    const bot = tempBot({
      brands: (parse(readFileSync('config/brands.yaml', 'utf8')) as { brands: unknown }).brands,
      sources: shipped,
      // nothing live is revealed during the test: the history alone is what a restart used to store twice
      settings: { demo: { enabled: true, revealEverySeconds: 3600 } },
    });
    cleanups.push(() => rmSync(bot.root, { recursive: true, force: true }));
    const run = async (at: Date): Promise<{ mentions: number; stored: number }> => {
      const app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink: recordingSink() });
      try {
        const r = await app.tick(at);
        expect(r.failed).toEqual([]);
        expect(r.polled).toHaveLength(3);
        const stored = (await Promise.all(['Nimbus', 'Stratus', 'Brightloom'].map((brand) => app.store.queryMentions({ brand, limit: 10_000 })))).flat().length;
        return { mentions: r.mentions, stored };
      } finally {
        await app.close();
      }
    };
    const first = await run(new Date());
    expect(first.mentions).toBeGreaterThan(50);
    expect(first.stored).toBe(first.mentions);
    // a later start (every source due again), on a new port
    const second = await run(new Date(Date.now() + 3_600_000));
    expect(second.mentions).toBe(0);
    expect(second.stored).toBe(first.stored);
  }, 60_000);
});
