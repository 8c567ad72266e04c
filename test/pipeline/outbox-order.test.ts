import { afterEach, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../src/store/lowdb/index.js';
import { dispatchOutbox } from '../../src/pipeline/dispatch.js';
import { outboxEntryFor } from '../../src/pipeline/alerting.js';
import { enqueueDigests } from '../../src/pipeline/digests.js';
import { settingsFileSchema } from '../../src/config/schema.js';
import type { ChatSink } from '../../src/chat/sink.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { Alert } from '../../src/domain/types.js';
import type { Store } from '../../src/store/store.js';
import { batch, tempDir } from '../store/helpers.js';
import { scratchMetrics } from '../../src/shared/metrics.js';

const T0 = new Date('2026-11-23T12:00:00.000Z');

const alert = (id: string): Alert => ({
  id,
  brand: 'Nimbus',
  rule: 'crisis-keyword',
  severity: 'warning',
  title: `alert ${id}`,
  createdAt: T0.toISOString(),
  explanation: { summary: 's', window: { start: T0.toISOString(), end: T0.toISOString() }, details: {} },
  mentions: [],
});

/** Records the outbox ids in the order the sink was given them. */
function orderSink(): ChatSink & { order: string[] } {
  const order: string[] = [];
  const ok = (id: string) => (order.push(id), Promise.resolve({ messageId: `m-${id}` }));
  return {
    name: 'order',
    health: () => ({ failingChannels: [] }),
    order,
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    sendAlert: (_a, id) => ok(id),
    sendDigest: (_d, id) => ok(id),
    sendNotice: (_n, id) => ok(id),
    sendUpdate: (_a, _r, id) => ok(id),
    findDelivered: () => Promise.resolve(undefined),
  };
}

describe('order within a tick (issue 12 item 6)', () => {
  let store: Store | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await store?.close();
    await cleanup?.();
  });

  it('GIVEN alerts raised in one evaluation with identical createdAt THEN the lowdb store and dispatch deliver them in the order they were raised (seq), also after a restart', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    store = await openLowdbStore({ dir: t.dir, logger: silentLogger() });
    // raised in this order; their ids sort differently (z before a, 10 before 9), so only seq can keep the order
    const raised = ['z-crisis', 'a-spike', 'm-ori', 'crisis-10', 'crisis-9', 'b-trend', 'y-high-reach', 'c-update'];
    await store.commit(batch({ outbox: raised.map((id, i) => outboxEntryFor(alert(id), T0, i)) }));
    await store.close();
    store = await openLowdbStore({ dir: t.dir, logger: silentLogger() });
    expect((await store.outboxDue(T0)).map((e) => e.id)).toEqual(raised);
    const sink = orderSink();
    await dispatchOutbox({ store, sink, logger: silentLogger(), metrics: scratchMetrics() }, T0);
    expect(sink.order).toEqual(raised);
  });

  it('GIVEN digests enqueued at one instant THEN they go out in the configured brand order, not by id', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    store = await openLowdbStore({ dir: t.dir, logger: silentLogger() });
    const brands = ['Stratus', 'Acme', 'Nimbus'].map((name) => ({ name, aliases: [], competitors: [], topics: {}, crisisKeywords: [], reddit: false }));
    const settings = settingsFileSchema.parse({});
    expect(await enqueueDigests({ store, brands: brands as never, settings, classifierName: 'test' }, T0)).toBe(3);
    const sink = orderSink();
    await dispatchOutbox({ store, sink, logger: silentLogger(), metrics: scratchMetrics() }, T0);
    expect(sink.order.map((id) => id.split(':')[1])).toEqual(['Stratus', 'Acme', 'Nimbus']);
  });
});
