import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, type AppConfig } from '../../src/config/load.js';
import { buildSources } from '../../src/app/build-sources.js';

const NONE = { addedBrands: [], removedBrands: [], addedFeeds: [], removedFeeds: [], thresholds: {} };
const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function config(sourcesYaml: string): AppConfig {
  const root = mkdtempSync(join(tmpdir(), 'srcs-'));
  roots.push(root);
  const dir = join(root, 'config');
  mkdirSync(dir);
  writeFileSync(join(dir, 'brands.yaml'), 'brands:\n  - name: Acme\n  - name: Globex\n    reddit: false\n');
  writeFileSync(join(dir, 'sources.yaml'), sourcesYaml);
  return loadConfig(dir, { env: {} });
}

function recordingLogger(): { logger: pino.Logger; lines: { msg: string; urls?: string[] }[] } {
  const lines: { msg: string; urls?: string[] }[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as { msg: string; urls?: string[] }) });
  return { logger, lines };
}

describe('buildSources: Reddit without credentials', () => {
  it('GIVEN no reddit: block (or one without rssFallback) THEN nothing is polled on Reddit', () => {
    for (const yaml of ['feeds:\n  - url: https://news.example/feed\n', 'reddit:\n  subreddits: [acme]\n']) {
      const { logger, lines } = recordingLogger();
      const ids = buildSources(config(yaml), NONE, logger).sources.map((s) => s.id);
      expect(ids.filter((id) => id.startsWith('reddit'))).toEqual([]);
      expect(lines.some((l) => /reddit/i.test(l.msg))).toBe(false);
    }
  });

  it('GIVEN reddit.rssFallback: true THEN the listed subreddits and brand searches are polled, and logged once with their URLs', () => {
    const cfg = config('reddit:\n  rssFallback: true\n  subreddits: [AcmeFans]\n  rssUrl: https://reddit.test\n');
    const { logger, lines } = recordingLogger();
    const announced = {};
    const ids = buildSources(cfg, NONE, logger, undefined, announced).sources.map((s) => s.id);
    expect(ids).toEqual(['reddit-rss-r-acmefans', 'reddit-rss-search-acme']);
    // a rebuild (chat changed a feed) with the same Reddit targets says nothing more
    buildSources(cfg, { ...NONE, removedFeeds: ['x'] }, logger, undefined, announced);
    const said = lines.filter((l) => /public \.rss/.test(l.msg));
    expect(said).toHaveLength(1);
    expect(said[0]?.msg).toMatch(/rssFallback: true\): polling 2 public/);
    expect(said[0]?.urls).toEqual(['https://reddit.test/r/AcmeFans/new/.rss', 'https://reddit.test/search.rss?q=%22Acme%22&sort=new']);
    // a brand added from chat changes what is polled: said again
    buildSources(cfg, { ...NONE, addedBrands: [{ ...cfg.brands[0]!, name: 'Initech', aliases: [] }] }, logger, undefined, announced);
    expect(lines.filter((l) => /public \.rss/.test(l.msg))).toHaveLength(2);
  });
});
