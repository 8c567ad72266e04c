import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempBot, type TempBot } from '../support/temp-config.js';
import type { OnceSummary } from '../../src/app/once-summary.js';
import { linesOf, runCli } from './run-cli.js';

const item = (title: string, k: string, at = new Date()): string =>
  `<item><title>${title}</title><link>https://ex.example/${k}</link><description>${title}</description><pubDate>${at.toUTCString()}</pubDate></item>`;
const rss = (items: string[]): string => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://ex.example/</link><description>d</description>${items.join('')}</channel></rss>`;

/** A bot with one local feed (polled at every run) and one that does not exist (fails at every poll). */
function botWithFeeds(): { bot: TempBot; feed: string } {
  const bot = tempBot({ brands: [{ name: 'Nimbus' }], settings: { alerts: { crisisKeywords: ['lawsuit'] } } });
  const feed = join(bot.root, 'feed.xml');
  writeFileSync(
    join(bot.configDir, 'sources.yaml'),
    `feeds:\n  - { id: news, url: "${pathToFileURL(feed).href}", intervalSeconds: 0.1 }\n  - { id: gone, url: "${pathToFileURL(join(bot.root, 'gone.xml')).href}", intervalSeconds: 0.1 }\nreddit: { enabled: false, rssFallback: false }\n`,
  );
  return { bot, feed };
}

describe.concurrent('once says what it did', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('GIVEN --json THEN stdout is one JSON object: polled and failed sources, new items, mentions, backfill, alerts raised and delivered', { timeout: 90_000 }, async () => {
    const { bot, feed } = botWithFeeds();
    roots.push(bot.root);
    writeFileSync(feed, rss([item('Nimbus sync works well', '1'), item('Nimbus update is out', '2'), item('Unrelated weather news', '3')]));
    const args = ['--config', bot.configDir, '--data', bot.dataDir, 'once', '--json'];

    const first = await runCli(args);
    expect(first.code, first.err).toBe(0); // one source of two failed: not every one
    const lines = linesOf(first.out);
    expect(lines).toHaveLength(1);
    const s1 = JSON.parse(lines[0]!) as OnceSummary;
    expect(s1.sources).toMatchObject({ configured: 2, polled: 2, ok: 1, notDue: 0 });
    expect(s1.sources.failed).toHaveLength(1);
    expect(s1.sources.failed[0]!.sourceId).toMatch(/gone/);
    expect(s1.newItems).toBe(3);
    // the first poll of a source is backfill: stored, never alerted on
    expect(s1.mentions).toEqual({ stored: 2, backfilled: 2, live: 0, brands: ['Nimbus'] });
    expect(s1.alerts).toEqual({ raised: 0, list: [] });

    // the next run sees one new item, live this time, with a crisis keyword: an alert is raised and delivered
    writeFileSync(feed, rss([item('Nimbus sync works well', '1'), item('Nimbus update is out', '2'), item('Nimbus faces a lawsuit over lost files, customers furious', '4')]));
    const second = await runCli(args);
    expect(second.code, second.err).toBe(0);
    expect(linesOf(second.out)).toHaveLength(1);
    const s2 = JSON.parse(second.out) as OnceSummary;
    expect(s2.newItems).toBe(1);
    expect(s2.mentions).toMatchObject({ stored: 1, backfilled: 0, live: 1 });
    expect(s2.alerts.list).toEqual(expect.arrayContaining([expect.objectContaining({ brand: 'Nimbus', rule: 'crisis-keyword' })]));
    expect(s2.alerts.raised).toBe(s2.alerts.list.length);
    expect(s2.delivered.byKind.alert).toBeGreaterThanOrEqual(1);
    expect(s2.delivered.sent).toBeGreaterThanOrEqual(s2.alerts.raised);
    // the console sink's message went to stderr, so stdout stayed one object
    expect(second.err).toMatch(/lawsuit/);
  });

  it('GIVEN text mode THEN a summary a person reads, saying that first-poll backfill is silent by design', { timeout: 60_000 }, async () => {
    const { bot, feed } = botWithFeeds();
    roots.push(bot.root);
    writeFileSync(feed, rss([item('Nimbus sync works well', '1'), item('Nimbus update is out', '2')]));
    const r = await runCli(['--config', bot.configDir, '--data', bot.dataDir, 'once']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^once: one cycle done at /m);
    expect(r.out).toMatch(/sources: +2 polled of 2, 1 ok, 1 failed/);
    expect(r.out).toMatch(/^ +failed: \S*gone: .+$/m);
    expect(r.out).toMatch(/items: +2 new/);
    expect(r.out).toMatch(/mentions: +2 stored \(Nimbus\), 0 live/);
    expect(r.out).toMatch(/2 mentions from first polls stored as backfill: silent by design/);
    expect(r.out).toMatch(/alerts: +0 raised/);
    expect(r.out).toMatch(/delivery: +0 delivered/);
  });

  it('GIVEN every polled source fails THEN the summary still prints and the exit is 1', { timeout: 60_000 }, async () => {
    const { bot } = botWithFeeds();
    roots.push(bot.root);
    const r = await runCli(['--config', bot.configDir, '--data', bot.dataDir, 'once', '--json']);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.out) as OnceSummary;
    expect(s.sources).toMatchObject({ polled: 2, ok: 0 });
    expect(s.sources.failed.map((f) => f.sourceId).sort()).toHaveLength(2);
  });
});
