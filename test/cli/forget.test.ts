import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { authorCandidates, ERASURES_KEY, type ErasureRecord } from '../../src/app/erasure.js';
import { silentLogger } from '../../src/shared/logger.js';
import { openLowdbStore } from '../../src/store/lowdb/index.js';
import { checkConsistency } from '../store/helpers.js';
import { tempBot } from '../support/temp-config.js';
import { linesOf, runCli } from './run-cli.js';

const item = (title: string, k: string, author: string): string =>
  `<item><title>${title}</title><link>https://ex.example/${k}</link><description>${title}</description><dc:creator>${author}</dc:creator><pubDate>${new Date().toUTCString()}</pubDate></item>`;
const rss = (items: string[]): string =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title><link>https://ex.example/</link><description>d</description>${items.join('')}</channel></rss>`;

describe('forget --author (right to erasure)', () => {
  const bot = tempBot({ brands: [{ name: 'Nimbus' }] });
  afterAll(() => rmSync(bot.root, { recursive: true, force: true }));

  it('GIVEN mentions by two people WHEN one is forgotten by handle THEN one line gives the count, none of theirs stays, rollups follow, the log has no name', { timeout: 90_000 }, async () => {
    const feed = join(bot.root, 'feed.xml');
    writeFileSync(feed, rss([item('Nimbus sync works well', '1', 'Alice'), item('Nimbus update is out', '2', 'alice'), item('Nimbus is fine', '3', 'Bob')]));
    writeFileSync(join(bot.configDir, 'sources.yaml'), `feeds:\n  - { id: news, url: "${pathToFileURL(feed).href}" }\nreddit: { enabled: false, rssFallback: false }\n`);
    const dirs = ['--config', bot.configDir, '--data', bot.dataDir];
    const once = await runCli([...dirs, 'once']);
    expect(once.code, once.err).toBe(0);

    const r = await runCli([...dirs, 'forget', '--author', '@Alice']);
    expect(r.code, r.err).toBe(0);
    expect(linesOf(r.out)).toEqual(['Deleted 2 mentions of that author.']);
    const again = await runCli([...dirs, 'forget', '--author', 'alice']);
    expect(linesOf(again.out)).toEqual(['Deleted 0 mentions of that author.']);
    const bad = await runCli([...dirs, 'forget', '--author', '  '], { LOG_LEVEL: 'warn' });
    expect(bad.code).toBe(2);
    expect(linesOf(bad.err)).toEqual(['forget: Give the author as a handle (e.g. @name, u/name) or a profile URL.']);

    const store = await openLowdbStore({ dir: bot.dataDir, logger: silentLogger() });
    try {
      const left = await store.queryMentions({});
      expect(left.map((m) => m.title)).toEqual(['Nimbus is fine']);
      const { problems } = await checkConsistency(store, '2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z');
      expect(problems).toEqual([]);
      const log = (await store.kvGet<ErasureRecord[]>(ERASURES_KEY)) ?? [];
      expect(log.map((e) => ({ deleted: e.deleted, via: e.via }))).toEqual([{ deleted: 2, via: 'cli' }, { deleted: 0, via: 'cli' }]);
    } finally {
      await store.close();
    }
    const files = readdirSync(bot.dataDir, { recursive: true }).map((f) => join(bot.dataDir, String(f))).filter((f) => statSync(f).isFile());
    for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toMatch(/alice|Nimbus sync works well/i);
  });
});

describe('authorCandidates', () => {
  it.each([
    ['@alice', ['@alice', 'alice']],
    ['u/Spez', ['u/Spez', 'Spez']],
    ['https://www.reddit.com/user/Spez/', ['https://www.reddit.com/user/Spez/', 'Spez']],
    ['https://old.reddit.com/u/spez', ['https://old.reddit.com/u/spez', 'spez']],
    ['https://mastodon.social/@alice', ['https://mastodon.social/@alice', '@alice', 'alice']],
    ['https://x.example/alice', ['https://x.example/alice', 'alice']],
    // a longer path names no one: only the URL itself is tried
    ['https://blog.example/2026/12/post', ['https://blog.example/2026/12/post']],
    ['  Jane Doe ', ['Jane Doe']],
    ['   ', []],
  ])('%s -> %j', (input, expected) => {
    expect(authorCandidates(input)).toEqual(expected);
  });
});
