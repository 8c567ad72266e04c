import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build.js';
import { createConsoleSink } from '../../src/chat/console/console-sink.js';
import { outboxEntryFor } from '../../src/pipeline/alerting.js';
import { dispatchOutbox } from '../../src/pipeline/dispatch.js';
import { openLowdbStore } from '../../src/store/lowdb/index.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { Alert, Notice } from '../../src/domain/types.js';
import type { OutboxEntry, Store } from '../../src/store/store.js';
import { DiscordStandin, type StoredMessage } from '../support/discord-standin/index.js';
import { tempBot, type TempBot } from '../support/temp-config.js';
import { scratchMetrics, sumOf } from '../../src/shared/metrics.js';

const ALERT_CHANNEL = '810000000000000001';
const DIGEST_CHANNEL = '810000000000000002';

const alert = (id: string, at: Date, over: Partial<Alert> = {}): Alert => ({
  id,
  brand: 'Nimbus',
  rule: 'crisis-keyword',
  severity: 'warning',
  title: `Nimbus: lawsuit ${id}`,
  createdAt: at.toISOString(),
  explanation: { summary: `summary ${id}`, window: { start: at.toISOString(), end: at.toISOString() }, details: {} },
  mentions: [],
  ...over,
});

const notice = (id: string, at: Date): OutboxEntry => {
  const n: Notice = { id, level: 'error', title: 'Source disabled: x', text: 'failed 11 times', createdAt: at.toISOString() };
  return { id, payload: { kind: 'notice', notice: n }, status: 'pending', attempts: 0, createdAt: n.createdAt, notBefore: n.createdAt };
};

const update = (root: Alert, at: Date): OutboxEntry => {
  const a = alert(`${root.id}:update:1`, at, { title: `Update: ${root.title}`, incidentId: root.id, update: { of: root.id, seq: 1, kind: 'update', reasons: ['more mentions'] } });
  return { id: a.id, payload: { kind: 'update', updates: root.id, alert: a }, status: 'pending', attempts: 0, createdAt: a.createdAt, seq: 0, notBefore: a.createdAt };
};

/**
 * The process dies right after the platform accepted a message: "marked sent" never happens, and nothing else is
 * written either (the failure path cannot record an attempt). Returns a function that says whether it fired.
 */
function killAfterNextSend(store: Store): () => boolean {
  let dead = false;
  const markFailed = store.outboxMarkFailed.bind(store);
  store.outboxMarkSent = () => {
    dead = true;
    return Promise.reject(new Error('killed between send and mark-sent'));
  };
  store.outboxMarkFailed = (...args) => (dead ? Promise.reject(new Error('killed')) : markFailed(...args));
  return () => dead;
}

const footer = (m: StoredMessage): string => (m.embeds[0] as { footer?: { text?: string } } | undefined)?.footer?.text ?? '';

describe('reconciliation after a crash between send and mark-sent (issue 12 item 4)', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f();
  });

  it('GIVEN Discord without a nonce window and 5 kills right after Discord accepted an alert, an incident update, a digest, a notice and another alert THEN each is posted exactly once', async () => {
    const discord = await DiscordStandin.start({ channelId: ALERT_CHANNEL, nonceWindowMs: 0 });
    cleanup.push(() => discord.close());
    const bot: TempBot = tempBot({ brands: [{ name: 'Nimbus' }, { name: 'Stratus' }], sources: { feeds: [] }, settings: {} });
    cleanup.push(() => rmSync(bot.root, { recursive: true, force: true }));
    const env = { DISCORD_TOKEN: 'x', DISCORD_API_URL: discord.apiUrl, DISCORD_GUILD_ID: discord.guildId, DISCORD_ALERT_CHANNEL_ID: ALERT_CHANNEL, DISCORD_DIGEST_CHANNEL_ID: DIGEST_CHANNEL };
    const start = async (): Promise<App> => {
      const a = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env, logger: silentLogger(), demo: false });
      await a.sink.start();
      return a;
    };
    let app = await start();
    let reconciled = 0;
    const restart = async () => {
      await app.sink.stop();
      await app.close();
      app = await start();
    };
    const t = new Date();
    const rootAlert = alert('crisis-keyword:Nimbus:lawsuit', t);
    const kills: ((a: App) => Promise<void>)[] = [
      (a) => a.store.outboxEnqueue([outboxEntryFor(rootAlert, t)]),
      (a) => a.store.outboxEnqueue([update(rootAlert, t)]),
      async (a) => void (await a.enqueueDigests(t)),
      (a) => a.store.outboxEnqueue([notice('source-disabled:x:1', t)]),
      (a) => a.store.outboxEnqueue([outboxEntryFor(alert('negative-spike:Nimbus:1', t, { rule: 'negative-spike', severity: 'critical' }), t)]),
    ];
    for (const enqueue of kills) {
      await enqueue(app);
      const fired = killAfterNextSend(app.store);
      await expect(app.deliver(t)).rejects.toThrow(/killed/);
      expect(fired()).toBe(true);
      await restart();
      await app.deliver(t);
      reconciled += await sumOf(app.metrics.deliveries, { outcome: 'reconciled' });
    }
    expect(await app.store.outboxDue(new Date(8.64e15))).toHaveLength(0);
    const rootMsg = discord.channelMessages(ALERT_CHANNEL).find((m) => footer(m) === `Alert ${rootAlert.id}`);
    expect(rootMsg).toBeDefined();
    // the root's receipt is its message id, as for a fresh post; the update went into the thread under it
    expect((await app.store.outboxGet(rootAlert.id))?.messageId).toBe(rootMsg!.id);
    const thread = discord.channelMessages(rootMsg!.id);
    const all = [...discord.channelMessages(ALERT_CHANNEL), ...discord.channelMessages(DIGEST_CHANNEL), ...thread];
    const footers = all.map(footer);
    expect(new Set(footers).size).toBe(footers.length); // 0 duplicates
    expect(thread.map(footer)).toEqual([`Alert ${rootAlert.id}:update:1`]);
    expect(discord.channelMessages(DIGEST_CHANNEL)).toHaveLength(2);
    expect(discord.channelMessages(ALERT_CHANNEL)).toHaveLength(3);
    expect(reconciled).toBe(5);
    await app.sink.stop();
    await app.close();
  });

  it('GIVEN the console sink and 5 kills right after it printed THEN its delivery journal keeps each entry from being printed twice', async () => {
    const bot = tempBot({ brands: [{ name: 'Nimbus' }] });
    cleanup.push(() => rmSync(bot.root, { recursive: true, force: true }));
    const out: string[] = [];
    const journalPath = join(bot.dataDir, 'console-deliveries.jsonl');
    const t = new Date('2026-11-23T12:00:00.000Z');
    let store = await openLowdbStore({ dir: bot.dataDir, logger: silentLogger() });
    let reconciled = 0;
    for (let k = 0; k < 5; k++) {
      await store.outboxEnqueue([outboxEntryFor(alert(`a${k}`, t), t, k)]);
      const sink = createConsoleSink({ json: true, write: (s) => void out.push(s), journalPath });
      killAfterNextSend(store);
      await expect(dispatchOutbox({ store, sink, logger: silentLogger(), metrics: scratchMetrics() }, t)).rejects.toThrow(/killed/);
      await store.close();
      store = await openLowdbStore({ dir: bot.dataDir, logger: silentLogger() });
      const metrics = scratchMetrics();
      // a new process: a new sink on the same journal
      await dispatchOutbox({ store, sink: createConsoleSink({ json: true, write: (s) => void out.push(s), journalPath }), logger: silentLogger(), metrics }, t);
      reconciled += await sumOf(metrics.deliveries, { outcome: 'reconciled' });
    }
    await store.close();
    const printed = out.map((l) => (JSON.parse(l) as { outboxId: string }).outboxId);
    expect(printed).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
    expect(reconciled).toBe(5);
  });
});
