import { readFileSync, rmSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build.js';
import { silentLogger } from '../../src/shared/logger.js';
import { recordingSink, tempBot } from '../support/temp-config.js';
import { buildSample } from '../../src/demo/sample-content.js';
import { DEMO_ITEM_BASE } from '../../src/demo/demo-server.js';
import { until } from '../support/until.js';

describe('the pipeline end to end on the bundled demo (local feed server, offline model, lowdb files)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('GIVEN the demo feeds THEN the first poll is silent, the negative burst raises an explained alert once, and digests are built', async () => {
    const shipped = parse(readFileSync('config/sources.yaml', 'utf8')) as { feeds: { intervalSeconds: number }[] };
    const bot = tempBot({
      brands: (parse(readFileSync('config/brands.yaml', 'utf8')) as { brands: unknown }).brands,
      sources: { ...shipped, feeds: shipped.feeds.map((f) => ({ ...f, intervalSeconds: 0.02 })) },
      settings: { demo: { enabled: true, revealEverySeconds: 0.02 } },
    });
    cleanups.push(() => rmSync(bot.root, { recursive: true, force: true }));
    const sink = recordingSink();
    const app: App = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink });
    cleanups.push(() => app.close());

    const first = await app.tick(new Date());
    expect(first.mentions).toBeGreaterThan(50);
    expect(first.backfilled).toBe(first.mentions);
    expect(sink.alerts.filter((a) => a.alert.rule !== 'volume-spike' && a.alert.rule !== 'trending-topic')).toHaveLength(0);

    // tick as the bot does until the demo has revealed its last live item (the end of the burst) and it is stored
    const live = buildSample(20).filter((i) => i.id.startsWith('l'));
    const lastUrl = `${DEMO_ITEM_BASE}/posts/${live[live.length - 1]!.id}`;
    await until(
      async () => {
        await app.tick(new Date());
        return (await app.store.queryMentions({ limit: 100_000 })).some((m) => m.url === lastUrl);
      },
      { timeoutMs: 20_000, everyMs: 20, what: `the last live item (${lastUrl}) to be stored` },
    );
    const nimbus = sink.alerts.filter((a) => a.alert.brand === 'Nimbus' && ['negative-spike', 'crisis-keyword'].includes(a.alert.rule));
    expect(nimbus.length).toBeGreaterThan(0);
    const alert = nimbus[0]!.alert;
    expect(alert.explanation.summary.length).toBeGreaterThan(20);
    expect(alert.mentions.length).toBeGreaterThan(0);
    expect(alert.mentions[0]?.url).toMatch(/^https:\/\/sample\.brand-bot\.invalid\/posts\/l\d+$/);
    // "Nimbus outage ... we are moving to Stratus" is no crisis of Stratus's
    expect(sink.alerts.filter((a) => a.alert.brand === 'Stratus' && a.alert.rule === 'crisis-keyword')).toHaveLength(0);
    const ids = sink.alerts.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);

    await app.enqueueDigests(new Date());
    await app.deliver(new Date());
    expect(sink.digests.map((d) => d.brand).sort()).toEqual(['Brightloom', 'Nimbus', 'Stratus']);
    const d = sink.digests.find((x) => x.brand === 'Nimbus')!;
    expect(d.volume).toBeGreaterThan(0);
    expect(d.sentiment.negative).toBeGreaterThan(0);
    expect(d.daily).toHaveLength(7);
  }, 30_000);
});
