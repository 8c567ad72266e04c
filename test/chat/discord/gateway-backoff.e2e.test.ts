import { once } from 'node:events';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { GatewayBackoff, reconnectDelay } from '../../../src/chat/discord/gateway-backoff.js';
import { statusEmbed } from '../../../src/chat/discord/embeds/status-embed.js';
import { healthSnapshot } from '../../../src/app/commands.js';
import type { App } from '../../../src/app/build.js';
import type { StatusReport } from '../../../src/chat/api.js';
import { startHarness } from './sink-harness.js';
import { scratchMetrics, valueOf } from '../../../src/shared/metrics.js';

type Line = { level: number; msg: string };
const WARN = 40;
const INFO = 30;

function recordingLogger() {
  const lines: Line[] = [];
  return { lines, logger: pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s) as Line) }) };
}

/** A sleep the test releases by hand: each request is queued with its duration; nothing waits on the clock. */
function heldSleep() {
  const queue: { ms: number; release: () => void }[] = [];
  let notify: (() => void) | undefined;
  return {
    sleep: (ms: number) => new Promise<void>((release) => {
      queue.push({ ms, release });
      notify?.();
    }),
    /** the next wait the gate asked for (past or future) */
    async next(): Promise<{ ms: number; release: () => void }> {
      while (queue.length === 0) await new Promise<void>((r) => (notify = r));
      return queue.shift()!;
    },
  };
}

describe('gateway reconnects back off (issue 12 item 5)', () => {
  it('GIVEN the gateway goes down THEN every reconnect attempt waits first (1 s, 2 s, 4 s, then the cap), one warning per outage, and the state is shown until it is back', async () => {
    const { lines, logger } = recordingLogger();
    const held = heldSleep();
    const h = await startHarness({ logger, gatewayBackoff: { sleep: held.sleep, random: () => 0.5, capMs: 4000 } });
    try {
      expect(h.sink.gateway()).toMatchObject({ state: 'ready', attempts: 0 });
      const gw = h.discord.socket;
      const before = gw.attempts;
      gw.outage();
      const waits: number[] = [];
      for (let i = 0; i < 4; i++) {
        const w = await held.next();
        // the gate holds the attempt: no connection was tried since the last one failed
        expect(gw.attempts).toBe(before + i);
        expect(h.sink.gateway()).toMatchObject({ state: 'reconnecting', attempts: i + 1, nextAttemptInMs: w.ms });
        waits.push(w.ms);
        w.release();
        await gw.waitForAttempts(before + i + 1);
      }
      expect(waits).toEqual([1000, 2000, 4000, 4000]);
      expect(lines.filter((l) => l.level === WARN && /gateway connection lost/.test(l.msg))).toHaveLength(1);

      gw.restore();
      const resumed = once(h.sink.client, 'shardResume');
      (await held.next()).release();
      await resumed;
      expect(h.sink.gateway()).toMatchObject({ state: 'ready', attempts: 0 });
      expect(lines.filter((l) => l.level === INFO && /gateway connected again/.test(l.msg))).toHaveLength(1);
      expect(lines.filter((l) => l.level === WARN)).toHaveLength(1);
    } finally {
      await h.sink.stop();
      await h.discord.close();
    }
  });

  it('reconnectDelay: no wait for the first attempt, doubling from the base, capped, jittered within ±20 %', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => reconnectDelay(n, 1000, 60_000, mid))).toEqual([0, 1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
    expect(reconnectDelay(4, 1000, 60_000, () => 0)).toBe(3200);
    expect(reconnectDelay(4, 1000, 60_000, () => 1)).toBe(4800);
    expect(reconnectDelay(30, 1000, 60_000, () => 1)).toBe(60_000);
  });

  it('the state machine: an outage is logged once, its start kept as `since`; a stopped gate never lets an attempt through', async () => {
    const { lines, logger } = recordingLogger();
    let t = Date.parse('2026-11-23T12:00:00.000Z');
    const waits: number[] = [];
    const g = new GatewayBackoff({ logger, now: () => new Date(t), random: () => 0.5, sleep: (ms) => (waits.push(ms), Promise.resolve()) });
    await g.beforeAttempt();
    g.onConnected();
    t += 1000;
    g.onClosed(1006, true);
    const lostAt = new Date(t).toISOString();
    for (let i = 0; i < 5; i++) {
      t += 10_000;
      await g.beforeAttempt();
      g.onClosed(1006, true);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000]);
    expect(g.status()).toMatchObject({ state: 'reconnecting', since: lostAt, attempts: 5, lastCloseCode: 1006 });
    expect(lines.filter((l) => l.level === WARN)).toHaveLength(1);
    g.onClosed(4004, false);
    expect(g.status().state).toBe('down');
    g.stop();
    const through = await Promise.race([g.beforeAttempt().then(() => 'connected'), new Promise((r) => setImmediate(() => r('held')))]);
    expect(through).toBe('held');
  });

  it('/healthz and /status show the gateway; a gateway that gave up makes /healthz unhealthy', async () => {
    const report = (state: 'ready' | 'reconnecting' | 'down'): StatusReport => ({
      startedAt: '2026-11-23T12:00:00.000Z', timezone: 'UTC', sources: [], outboxPending: 0, outboxDead: 0, classifier: { name: 'local', state: 'offline' }, feedbackAgreement: [], failingChannels: [],
      gateway: { state, since: '2026-11-23T12:00:00.000Z', attempts: state === 'reconnecting' ? 3 : 0 },
    });
    const metrics = scratchMetrics();
    const app = (state: 'ready' | 'reconnecting' | 'down') => ({ api: { status: () => Promise.resolve(report(state)) }, metrics }) as unknown as App;
    const reconnecting = await healthSnapshot(app('reconnecting'));
    expect(reconnecting.ok).toBe(true);
    expect(reconnecting.details.gateway).toMatchObject({ state: 'reconnecting', attempts: 3 });
    expect(await valueOf(metrics.gatewayReconnectAttempts)).toBe(3);
    expect((await healthSnapshot(app('down'))).ok).toBe(false);
    const field = statusEmbed(report('reconnecting'), []).fields?.find((f) => f.name === 'Gateway');
    expect(field?.value).toMatch(/^⚠️ reconnecting <t:\d+:R> · 3 attempts$/);
  });
});
