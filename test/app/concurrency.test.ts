import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build.js';
import { outboxEntryFor } from '../../src/pipeline/alerting.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { Alert } from '../../src/domain/types.js';
import { recordingSink, tempBot, type TempBot } from '../support/temp-config.js';
import { turn, until } from '../support/until.js';

const alert: Alert = {
  id: 'negative-spike:Nimbus:2026-11-23T12:00:00.000Z',
  brand: 'Nimbus',
  rule: 'negative-spike',
  severity: 'critical',
  title: 't',
  createdAt: '2026-11-23T12:00:00.000Z',
  explanation: { summary: 's', window: { start: '2026-11-23T11:00:00.000Z', end: '2026-11-23T12:00:00.000Z' }, details: {} },
  mentions: [],
};

describe('the app under concurrent jobs', () => {
  let bot: TempBot;
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    rmSync(bot.root, { recursive: true, force: true });
  });

  it('GIVEN two deliveries at once (tick and deliver job) THEN an alert is sent once', async () => {
    bot = tempBot({ brands: [{ name: 'Nimbus' }] });
    const sink = recordingSink();
    // the first send is held until the three deliveries have all started, so they overlap for as long as it takes
    let calls = 0;
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    const slow = { ...sink, sendAlert: async (a: Alert, id: string) => (calls++, await held, sink.sendAlert(a, id)) };
    app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink: slow, demo: false });
    await app.store.outboxEnqueue([outboxEntryFor(alert, new Date('2026-11-23T12:00:00Z'))]);
    const now = new Date('2026-11-23T12:00:01Z');
    const all = Promise.all([app.deliver(now), app.deliver(now), app.deliver(now)]);
    await until(() => calls > 0, { everyMs: 0, what: 'the first send' });
    for (let i = 0; i < 20; i++) await turn(); // time for the other two to reach the sink, were they not kept out
    release();
    await all;
    expect(calls).toBe(1);
    expect(sink.alerts.map((a) => a.id)).toEqual([alert.id]);
  });

  it('GIVEN two people acknowledge two alerts at the same moment THEN both acknowledgements are kept', async () => {
    bot = tempBot({ brands: [{ name: 'Nimbus' }] });
    app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink: recordingSink(), demo: false });
    const other: Alert = { ...alert, id: 'volume-spike:Nimbus:2026-11-23T12:00:00.000Z', rule: 'volume-spike' };
    const created = new Date('2026-11-23T12:00:00Z');
    await app.store.outboxEnqueue([outboxEntryFor(alert, created), outboxEntryFor(other, created)]);
    const now = new Date('2026-11-23T12:10:00Z');
    const [a, b] = await Promise.all([app.api.acknowledge(alert.id, 'alice', now), app.api.acknowledge(other.id, 'bob', now)]);
    expect(a.ok && b.ok).toBe(true);
    const acks = await app.store.kvGet<Record<string, { by: string }>>('alerts.acks');
    expect(Object.fromEntries(Object.entries(acks ?? {}).map(([id, r]) => [id, r.by]))).toEqual({ [alert.id]: 'alice', [other.id]: 'bob' });
    // a second click on an acknowledged alert keeps the first person's
    await app.api.acknowledge(alert.id, 'carol', new Date('2026-11-23T12:20:00Z'));
    expect((await app.store.kvGet<Record<string, { by: string }>>('alerts.acks'))?.[alert.id]?.by).toBe('alice');
  });

  it('GIVEN a manager mutes while alerts are being evaluated THEN the mute survives the evaluation', async () => {
    bot = tempBot({ brands: ['Nimbus', 'Stratus', 'Brightloom', 'Acme', 'Globex', 'Initech'].map((name) => ({ name })) });
    app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink: recordingSink(), demo: false });
    const now = new Date('2026-11-23T12:00:00Z');
    const evaluation = app.alertAndDeliver(now);
    const muted = await app.api.alertsMute('Nimbus', 'negative-spike', 24, now);
    await evaluation;
    expect(muted.ok).toBe(true);
    const state = await app.store.kvGet<{ mutes: Record<string, string> }>('alerts.state');
    expect(Object.keys(state?.mutes ?? {})).toContain('Nimbus|negative-spike');
  });
});
