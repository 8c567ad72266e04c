import { mkdtempSync, writeFileSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/errors.js';

function dirWith(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'cfg-'));
  const c = join(d, 'config');
  mkdirSync(c);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(c, name), text);
  return c;
}

function issuesOf(fn: () => unknown): { file: string; path: string; line?: number; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('GIVEN the shipped config THEN it validates, with defaults filled in', () => {
    const d = mkdtempSync(join(tmpdir(), 'cfg-'));
    cpSync('config', join(d, 'config'), { recursive: true });
    const c = loadConfig(join(d, 'config'), { env: {}, demoUrl: 'http://127.0.0.1:1234' });
    expect(c.brands.map((b) => b.name)).toEqual(['Nimbus', 'Stratus', 'Brightloom']);
    expect(c.sources.feeds[0]?.url).toBe('http://127.0.0.1:1234/feeds/tech-news.xml');
    expect(c.settings.alerts.spike.minCount).toBe(5);
    expect(c.sources.maxBodyBytes).toBe(5 * 1024 * 1024);
  });

  it('GIVEN several bad keys in several files THEN every one is named with file, path and line', () => {
    const dir = dirWith({
      'brands.yaml': 'brands:\n  - name: Acme\n    query: \'acme AND (\'\n    colour: red\n',
      'sources.yaml': 'feeds:\n  - url: not a url\n    intervalSeconds: -5\n',
      'settings.yaml': 'digest:\n  cron: "0 9 * * *"\n  timezone: Mars/Olympus\n',
    });
    const issues = issuesOf(() => loadConfig(dir, { env: { DISCORD_GUILD_ID: 'abc' } }));
    const find = (file: string, path: string) => issues.find((i) => i.file.endsWith(file) && i.path === path);
    expect(find('brands.yaml', 'brands[0].query')?.message).toMatch(/position \d+/);
    expect(find('brands.yaml', 'brands[0].query')?.line).toBe(3);
    expect(find('brands.yaml', '')?.message ?? find('brands.yaml', 'brands[0]')?.message).toMatch(/colour/);
    expect(find('sources.yaml', 'feeds[0].url')).toBeDefined();
    expect(find('sources.yaml', 'feeds[0].intervalSeconds')?.line).toBe(3);
    expect(find('settings.yaml', 'digest.timezone')?.message).toMatch(/IANA/);
    expect(issues.find((i) => i.file === 'environment' && i.path === 'DISCORD_GUILD_ID')).toBeDefined();
  });

  it('GIVEN a YAML syntax error THEN the file, line and column are reported', () => {
    const dir = dirWith({ 'brands.yaml': 'brands:\n  - name: [unclosed\n', 'sources.yaml': 'feeds:\n  - id: a\n    url: "http://x.example/feed\n' });
    const err = (() => {
      try {
        loadConfig(dir, { env: {} });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    const brands = err.issues.find((i) => i.file.endsWith('brands.yaml'));
    expect(brands?.message).toMatch(/YAML syntax/);
    expect(brands?.line).toBe(3);
    expect(brands?.column).toBe(1);
    const sources = err.issues.find((i) => i.file.endsWith('sources.yaml'));
    expect(sources?.message).toMatch(/YAML syntax: Missing closing "quote/);
    expect(sources?.line).toBe(4);
    expect(err.message).toMatch(/brands\.yaml:3:1: \(root\): YAML syntax/);
  });

  it('GIVEN feed URLs with an unsupported scheme or no URL at all THEN each is refused with a message naming file and path', () => {
    const dir = dirWith({
      'brands.yaml': 'brands:\n  - name: Acme\n',
      'sources.yaml': 'feeds:\n  - url: ftp://files.example/feed.xml\n  - url: not a url\n  - url: https://ok.example/feed\n  - url: file:///tmp/feed.xml\n',
    });
    const issues = issuesOf(() => loadConfig(dir, { env: {} }));
    expect(issues.map((i) => i.path)).toEqual(['feeds[0].url', 'feeds[1].url']);
    expect(issues[0]).toMatchObject({ line: 2, message: expect.stringMatching(/ftp: \(use http, https or file\)/) as unknown });
    expect(issues[1]).toMatchObject({ line: 3, message: expect.stringMatching(/"not a url" is not a URL/) as unknown });
    expect(issues.every((i) => i.file.endsWith('sources.yaml'))).toBe(true);
  });

  it('GIVEN a schema error and cross-reference errors in the same file THEN all are reported at once, with their lines', () => {
    const dir = dirWith({
      'brands.yaml': 'brands:\n  - name: Acme\n    competitors: [Globex]\n  - name: acme\n    colour: red\n',
      'sources.yaml': 'feeds:\n  - id: a\n    url: https://a.example/f\n  - id: a\n    url: https://b.example/f\n',
    });
    const issues = issuesOf(() => loadConfig(dir, { env: {} }));
    const brands = issues.filter((i) => i.file.endsWith('brands.yaml')).sort((a, b) => a.path.localeCompare(b.path));
    expect(brands.map((i) => [i.path, i.line])).toEqual([
      ['brands[0].competitors[0]', 3],
      ['brands[1]', 4],
      ['brands[1].name', 4],
    ]);
    expect(brands[1]?.message).toMatch(/colour/);
    expect(brands[2]?.message).toMatch(/duplicate brand name "acme" \(also brands\[0\], line 2\)/);
    expect(issues.find((i) => i.file.endsWith('sources.yaml'))).toMatchObject({ path: 'feeds[1].id', line: 4, message: expect.stringMatching(/duplicate feed id "a"/) as unknown });
  });

  it('GIVEN feeds on ${DEMO_URL} with the demo off THEN each is named (they would fail at every poll); with the demo on they pass', () => {
    const files = { 'brands.yaml': 'brands:\n  - name: Acme\n', 'sources.yaml': 'feeds:\n  - url: https://real.example/feed\n  - id: demo\n    url: ${DEMO_URL}/feeds/social.xml\n' };
    const issues = issuesOf(() => loadConfig(dirWith({ ...files, 'settings.yaml': 'demo:\n  enabled: false\n' }), { env: {}, demoUrl: 'http://127.0.0.1:9' }));
    expect(issues).toEqual([{ file: expect.stringMatching(/sources\.yaml$/) as unknown, path: 'feeds[1].url', line: 4, message: expect.stringMatching(/demo\.enabled: true/) as unknown }]);
    expect(() => loadConfig(dirWith({ ...files, 'settings.yaml': 'demo:\n  enabled: true\n' }), { env: {}, demoUrl: 'http://127.0.0.1:9' })).not.toThrow();
  });

  it('GIVEN a competitor that is not a configured brand THEN it is refused', () => {
    const dir = dirWith({ 'brands.yaml': 'brands:\n  - name: Acme\n    competitors: [Globex]\n' });
    const issues = issuesOf(() => loadConfig(dir, { env: {} }));
    expect(issues.some((i) => i.path === 'brands[0].competitors[0]')).toBe(true);
  });

  it('GIVEN a .env file beside config THEN it is read, and the real environment wins', () => {
    const dir = dirWith({ 'brands.yaml': 'brands:\n  - name: Acme\n' });
    writeFileSync(join(dir, '..', '.env'), 'HF_ENDPOINT_URL=http://127.0.0.1:1/a\nLOG_LEVEL=debug\n');
    const c = loadConfig(dir, { env: { LOG_LEVEL: 'warn' } });
    expect(c.env.HF_ENDPOINT_URL).toBe('http://127.0.0.1:1/a');
    expect(c.env.LOG_LEVEL).toBe('warn');
  });
});

describe('loadConfig: settings that only work together', () => {
  it('GIVEN an invalid cron expression THEN config check names it (it used to start a half-scheduled bot)', () => {
    const dir = dirWith({ 'brands.yaml': 'brands:\n  - name: Acme\n', 'settings.yaml': 'digest:\n  cron: every day\n' });
    const issues = issuesOf(() => loadConfig(dir, { env: {} }));
    expect(issues.find((i) => i.path === 'digest.cron')?.message).toMatch(/cron expression/);
  });

  it('GIVEN a Discord token without an alert channel, or half the Reddit credentials THEN both are named', () => {
    const dir = dirWith({ 'brands.yaml': 'brands:\n  - name: Acme\n' });
    const issues = issuesOf(() => loadConfig(dir, { env: { DISCORD_TOKEN: 't', REDDIT_CLIENT_ID: 'id' } }));
    expect(issues.map((i) => i.path).sort()).toEqual(['DISCORD_ALERT_CHANNEL_ID', 'REDDIT_*']);
    expect(() => loadConfig(dir, { env: { DISCORD_TOKEN: 't', DISCORD_ALERT_CHANNEL_ID: '1', REDDIT_CLIENT_ID: 'i', REDDIT_CLIENT_SECRET: 's', REDDIT_REFRESH_TOKEN: 'r' } })).not.toThrow();
  });
});
