import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../src/store/lowdb/index.js';
import { dispatchOutbox } from '../../src/pipeline/dispatch.js';
import { outboxEntryFor } from '../../src/pipeline/alerting.js';
import { PermanentDeliveryError, TransientDeliveryError, type ChatSink } from '../../src/chat/sink.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { Alert } from '../../src/domain/types.js';
import type { Store } from '../../src/store/store.js';
import { observationsOf, scratchMetrics, valueOf } from '../../src/shared/metrics.js';

const alert = (id: string): Alert => ({
  id,
  brand: 'Nimbus',
  rule: 'negative-spike',
  severity: 'critical',
  title: `alert ${id}`,
  createdAt: '2026-11-23T12:00:00.000Z',
  explanation: { summary: 's', window: { start: '2026-11-23T11:00:00.000Z', end: '2026-11-23T12:00:00.000Z' }, details: {} },
  mentions: [],
});

/** A chat platform that is down for the first `outage` calls, then records every delivered alert id. */
function flakySink(outage: number, error: () => Error = () => new TransientDeliveryError('HTTP 500', 1000)): ChatSink & { delivered: string[]; calls: number } {
  const s = {
    name: 'flaky',
    health: () => ({ failingChannels: [] }),
    delivered: [] as string[],
    calls: 0,
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    sendAlert: (a: Alert) => {
      s.calls++;
      if (s.calls <= outage) return Promise.reject(error());
      s.delivered.push(a.id);
      return Promise.resolve({ messageId: `m-${a.id}` });
    },
    sendDigest: () => Promise.resolve({}),
    sendNotice: () => Promise.resolve({}),
    sendUpdate: (a: Alert) => (s.delivered.push(`update:${a.id}`), Promise.resolve({ messageId: `m-${a.id}` })),
    // a platform that shows what it accepted: only entries that really went out are found
    findDelivered: (id: string) => Promise.resolve(s.delivered.includes(id) ? { messageId: `m-${id}` } : undefined),
  };
  return s;
}

describe('outbox dispatch', () => {
  let dir = '';
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN chat is down for a while THEN every alert is delivered exactly once afterwards, in order', async () => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    store = await openLowdbStore({ dir, logger: silentLogger() });
    const t0 = new Date('2026-11-23T12:00:00Z');
    await store.outboxEnqueue(['a1', 'a2', 'a3'].map((id) => outboxEntryFor(alert(id), t0)));
    await store.outboxEnqueue([outboxEntryFor(alert('a1'), t0)]); // the same alert again: ignored
    const sink = flakySink(3);
    const deps = { store, sink, logger: silentLogger(), metrics: scratchMetrics() };
    // rounds every 5 s: shorter than the backoff, so newer entries must wait behind the one that failed
    let now = t0.getTime();
    for (let i = 0; i < 400 && sink.delivered.length < 3; i++) {
      await dispatchOutbox(deps, new Date(now));
      now += 5_000;
    }
    expect(sink.delivered).toEqual(['a1', 'a2', 'a3']);
    // an outage stops the round at the first failure instead of hammering the platform
    expect(sink.calls).toBe(3 + 3);
    expect(await valueOf(deps.metrics.deliveries, { kind: 'alert', outcome: 'delivered' })).toBe(3);
    expect(await valueOf(deps.metrics.deliveries, { kind: 'alert', outcome: 'failed' })).toBe(3);
    expect(await observationsOf(deps.metrics.deliverySeconds, { kind: 'alert' })).toBe(6);
    expect(await store.outboxDue(new Date(8.64e15))).toHaveLength(0);
    expect((await store.outboxGet('a1'))?.messageId).toBe('m-a1');
    await dispatchOutbox(deps, new Date(now + 3_600_000));
    expect(sink.delivered).toHaveLength(3);
  });

  it('GIVEN one failure and the platform back at once THEN newer alerts wait behind the older one (order kept)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    store = await openLowdbStore({ dir, logger: silentLogger() });
    const t0 = new Date('2026-11-23T12:00:00Z');
    await store.outboxEnqueue(['c1', 'c2', 'c3'].map((id, i) => outboxEntryFor(alert(id), new Date(t0.getTime() + i))));
    const sink = flakySink(1);
    const deps = { store, sink, logger: silentLogger(), metrics: scratchMetrics() };
    for (let t = t0.getTime(); t < t0.getTime() + 60_000; t += 5_000) await dispatchOutbox(deps, new Date(t));
    expect(sink.delivered).toEqual(['c1', 'c2', 'c3']);
  });

  it('GIVEN a channel that refuses for good (403) THEN the entry is dead-lettered, kept, and the rest still go out', async () => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    store = await openLowdbStore({ dir, logger: silentLogger() });
    const t0 = new Date('2026-11-23T12:00:00Z');
    await store.outboxEnqueue(['b1', 'b2'].map((id) => outboxEntryFor(alert(id), t0)));
    const sink = flakySink(1, () => new PermanentDeliveryError('Missing Access', 'channel 1'));
    await dispatchOutbox({ store, sink, logger: silentLogger(), metrics: scratchMetrics() }, t0);
    expect(sink.delivered).toEqual(['b2']);
    const dead = await store.outboxGet('b1');
    expect(dead?.status).toBe('dead');
    expect(dead?.lastError).toMatch(/Missing Access/);
  });
});
