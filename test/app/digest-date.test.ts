import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/build.js';
import { checkDigestDate } from '../../src/app/digest-date.js';
import type { Digest, RawItem } from '../../src/domain/types.js';
import type { MentionSource } from '../../src/sources/source.js';
import { silentLogger } from '../../src/shared/logger.js';
import { recordingSink, tempBot } from '../support/temp-config.js';

describe('checkDigestDate', () => {
  const now = new Date('2026-12-02T23:30:00Z'); // already 3 December in Paris
  it('accepts a past day and today in the zone, refuses the future, malformed and impossible days', () => {
    expect(checkDigestDate('2026-12-01', 'Europe/Paris', now)).toEqual({ ok: true, value: '2026-12-01' });
    expect(checkDigestDate('2026-12-03', 'Europe/Paris', now)).toEqual({ ok: true, value: '2026-12-03' });
    const future = checkDigestDate('2026-12-03', 'UTC', now);
    expect(future.ok ? '' : future.error.message).toBe('2026-12-03 has not happened yet: today is 2026-12-02 in UTC.');
    for (const bad of ['02/12/2026', '2026-2-1', 'yesterday', '2026-02-30']) {
      const r = checkDigestDate(bad, 'UTC', now);
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.error.code).toBe('bad-date');
    }
  });
});

describe('a digest for a past local day (api, and the CLI with --date --json)', () => {
  const zone = 'Europe/Paris';
  // trending thresholds low enough for three mentions: the brand's own name must still not trend in its digest
  const bot = tempBot({ brands: [{ name: 'Nimbus' }], settings: { timezone: zone, alerts: { trending: { minCount: 3, minScore: 1 } } } });
  afterAll(() => rmSync(bot.root, { recursive: true, force: true }));
  const today = DateTime.now().setZone(zone).startOf('day');
  const yesterday = today.minus({ days: 1 });
  const at = (d: DateTime, hour: number): string => d.set({ hour }).toUTC().toISO() ?? '';
  const item = (i: number, publishedAt: string): RawItem => ({ sourceId: 'f', sourceKind: 'rss', guid: `urn:d:${i}`, link: `https://ex.example/d/${i}`, title: `Nimbus story ${i}`, text: 'about nimbus', publishedAt });

  it('GIVEN mentions yesterday and today THEN date: yesterday counts only that local day, and a future day is refused', async () => {
    // yesterday 00:30 local is still the day before in UTC: the local day, not the UTC one, decides
    const items = [item(1, yesterday.set({ minute: 30 }).toUTC().toISO() ?? ''), item(2, at(yesterday, 12)), item(3, at(yesterday, 23)), item(4, at(today, 1))];
    const source: MentionSource = { id: 'f', kind: 'rss', intervalSeconds: 1, describe: 'f', poll: () => Promise.resolve({ items, state: {} }) };
    const app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink: recordingSink(), demo: false, sources: [source] });
    try {
      await app.tick(new Date());
      const r = await app.api.digest('Nimbus', new Date(), yesterday.toISODate() ?? '');
      expect(r.ok).toBe(true);
      const d = r.ok ? r.value[0] : undefined;
      expect(d?.date).toBe(yesterday.toISODate());
      expect(d?.volume).toBe(3);
      expect(d?.period.start).toBe(yesterday.toUTC().toISO());
      expect(d?.trending.map((t) => t.term)).toContain('story');
      expect(d?.trending.map((t) => t.term)).not.toContain('nimbus');
      // the next day's forecast, as of that day's end: a day after it, a whole number range around a positive mean
      expect(d?.forecast?.date).toBe(today.toISODate());
      expect(d!.forecast!.expected).toBeGreaterThan(0);
      expect(d!.forecast!.lower).toBeLessThanOrEqual(d!.forecast!.expected);
      expect(d!.forecast!.upper).toBeGreaterThanOrEqual(Math.ceil(d!.forecast!.expected));
      const future = await app.api.digest(undefined, new Date(), today.plus({ days: 2 }).toISODate() ?? '');
      expect(future.ok ? '' : future.error.code).toBe('future-date');
    } finally {
      await app.close();
    }
  });

  it('GIVEN the stored data THEN `digest Nimbus --date <yesterday> --json` prints one JSON document; a bad date is one line and exit 2', { timeout: 60_000 }, () => {
    const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--config', bot.configDir, '--data', bot.dataDir, ...args], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' }, timeout: 60_000 });
    const r = cli(['digest', 'Nimbus', '--date', yesterday.toISODate() ?? '', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const d = JSON.parse(r.stdout) as Digest;
    expect(d).toMatchObject({ brand: 'Nimbus', date: yesterday.toISODate(), timezone: zone, volume: 3 });
    const bad = cli(['digest', '--date', '31/12/2026']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('digest: "31/12/2026": expected a day as YYYY-MM-DD, e.g. 2026-12-02');
  });
});
