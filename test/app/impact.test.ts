import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build.js';
import { loadConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { Mention } from '../../src/domain/types.js';
import { mention } from '../analysis/fixtures.js';
import { batch } from '../store/helpers.js';
import { recordingSink, tempBot, type TempBot } from '../support/temp-config.js';

const HOUR = 3_600_000;

describe('/impact and `impact`: before and after a configured event', () => {
  let bot: TempBot;
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    rmSync(bot.root, { recursive: true, force: true });
  });

  it('an event of brands.yaml (dates in settings.timezone) is measured against as long a time before it', async () => {
    const events = [{ name: 'Winter sale', start: '2026-11-16', end: '2026-11-23' }];
    bot = tempBot({ brands: [{ name: 'Nimbus', competitors: ['Stratus'], events }, { name: 'Stratus' }], settings: { timezone: 'Europe/Berlin' } });
    app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink: recordingSink(), demo: false, sources: [] });
    const start = Date.parse('2026-11-15T23:00:00Z'); // midnight in Berlin
    const ms: Mention[] = [];
    for (let h = -7 * 24; h < 7 * 24; h++) {
      const at = new Date(start + h * HOUR + 60_000).toISOString();
      const after = h >= 0;
      ms.push(mention(`n${h}`, after && h % 2 === 0 ? 'positive' : 'neutral', at, { brand: 'Nimbus' }));
      if (after) ms.push(mention(`n${h}b`, 'positive', at, { brand: 'Nimbus' }));
      ms.push(mention(`s${h}`, 'neutral', at, { brand: 'Stratus' }));
    }
    await app.store.commit(batch({ mentions: ms, seenItemKeys: ms.map((m) => m.itemKey) }));
    expect(app.api.eventNames()).toEqual([{ brand: 'Nimbus', name: 'Winter sale' }]);
    const r = await app.api.impact('winter SALE', new Date('2026-12-01T12:00:00Z'));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({
      brand: 'Nimbus',
      event: 'Winter sale',
      timezone: 'Europe/Berlin',
      running: false,
      before: { start: '2026-11-08T23:00:00.000Z', end: '2026-11-15T23:00:00.000Z', mentions: 168, volumePerDay: 24, shareOfVoice: 0.5, nss: null },
      after: { end: '2026-11-22T23:00:00.000Z', mentions: 336, volumePerDay: 48, nss: 1 },
    });
    expect(r.value.after.shareOfVoice).toBeCloseTo(2 / 3, 5);
    expect(r.value.change.volumePerDay).toMatchObject({ value: 24 });
    const unknown = await app.api.impact('Spring sale', new Date('2026-12-01T12:00:00Z'));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-event', message: 'No event called "Spring sale". Known: "Winter sale" (Nimbus).' } });
  });

  it('an event added from chat is kept across a restart and measured like a configured one; a bad one is refused with its reason', async () => {
    bot = tempBot({ brands: [{ name: 'Nimbus' }, { name: 'Stratus' }], settings: { timezone: 'UTC' } });
    const open = () => buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink: recordingSink(), demo: false, sources: [] });
    app = await open();
    expect(await app.api.eventAdd('nimbus', 'Launch', '2026-11-16T09:00')).toMatchObject({ ok: true });
    expect(await app.api.eventAdd('Nimbus', 'launch', '2026-11-17')).toMatchObject({ ok: false, error: { code: 'exists' } });
    expect(await app.api.eventAdd('Nimbus', 'Sale', '2026-11-17', '2026-11-10')).toMatchObject({ ok: false, error: { code: 'invalid-event', message: 'end: end must be after start' } });
    expect(await app.api.eventAdd('Hooli', 'Sale', '2026-11-17')).toMatchObject({ ok: false, error: { code: 'unknown-brand' } });
    await app.close();
    app = await open();
    expect(app.api.eventNames()).toEqual([{ brand: 'Nimbus', name: 'Launch' }]);
    const r = await app.api.impact('Launch', new Date('2026-11-16T15:00:00Z'));
    expect(r).toMatchObject({ ok: true, value: { running: true, unit: 'hour', after: { start: '2026-11-16T09:00:00.000Z', end: '2026-11-16T15:00:00.000Z' } } });
  });

  it('a malformed event in brands.yaml fails the start-up naming the file and the path', () => {
    bot = tempBot({ brands: [{ name: 'Nimbus', events: [{ name: 'Launch', start: '2026-11-16', end: '2026-11-01' }, { name: 'Sale', start: 'next tuesday' }] }] });
    expect(() => loadConfig(bot.configDir, { env: {} })).toThrow(/brands\.yaml:6: brands\[0\]\.events\[0\]\.end: end must be after start\n.*brands\.yaml:8: brands\[0\]\.events\[1\]\.start: expected an ISO 8601 date/);
  });
});
