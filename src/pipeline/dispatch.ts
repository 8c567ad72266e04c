import type { Logger } from '../shared/logger.js';
import { PermanentDeliveryError, TransientDeliveryError, type ChatSink, type Delivery, type DeliveryReceipt } from '../chat/sink.js';
import type { OutboxEntry, Store } from '../store/store.js';
import { secondsSince, type BotMetrics } from '../shared/metrics.js';

export interface DispatchDeps {
  store: Store;
  sink: ChatSink;
  logger: Logger;
  metrics: BotMetrics;
}

const RETRY_BASE_MS = 15_000;
const RETRY_CAP_MS = 15 * 60_000;

/** Which outbox entry was being sent when the process last stopped (written before every send). */
export const IN_FLIGHT_KEY = 'outbox.inFlight';

async function deliveryOf(store: Store, e: OutboxEntry): Promise<Delivery> {
  if (e.payload.kind !== 'update') return e.payload;
  // the root is older, so strict order has delivered it already; when it was dead-lettered or pruned there is
  // nothing to edit or reply under, and the update goes out as a message of its own
  const root = await store.outboxGet(e.payload.updates);
  const rootAlert = root?.payload.kind === 'alert' ? root.payload.alert : undefined;
  const sentRoot = root?.status === 'sent' && root.messageId ? { outboxId: root.id, messageId: root.messageId, ...(rootAlert ? { alert: rootAlert } : {}) } : undefined;
  return { kind: 'update', alert: e.payload.alert, ...(sentRoot ? { root: sentRoot } : {}) };
}

function send(sink: ChatSink, id: string, d: Delivery): Promise<DeliveryReceipt> {
  switch (d.kind) {
    case 'update':
      return d.root ? sink.sendUpdate(d.alert, d.root, id) : sink.sendAlert(d.alert, id);
    case 'alert':
      return sink.sendAlert(d.alert, id);
    case 'digest':
      return sink.sendDigest(d.digest, id);
    case 'notice':
      return sink.sendNotice(d.notice, id);
  }
}

/**
 * One entry: an entry that may already have been delivered (it was in flight when the process stopped, or an earlier
 * attempt failed after the platform may have accepted it) is looked up on the platform first and, when found, only
 * marked sent: a crash between "sent" and "marked sent" never posts it twice, however long the bot stayed down.
 */
async function deliverOne(deps: DispatchDeps, e: OutboxEntry, inFlight: string | undefined): Promise<DeliveryReceipt & { reconciled?: true }> {
  const d = await deliveryOf(deps.store, e);
  if (e.attempts > 0 || inFlight === e.id) {
    const found = await deps.sink.findDelivered(e.id, d);
    if (found) {
      deps.metrics.deliveries.inc({ kind: e.payload.kind, outcome: 'reconciled' });
      deps.logger.info({ outboxId: e.id, kind: e.payload.kind, messageId: found.messageId }, 'Already delivered before a restart or a lost reply: marked sent, not sent again');
      return { ...found, reconciled: true };
    }
  }
  await deps.store.kvSet(IN_FLIGHT_KEY, e.id);
  const started = performance.now();
  try {
    return await send(deps.sink, e.id, d);
  } finally {
    deps.metrics.deliverySeconds.observe({ kind: e.payload.kind }, secondsSince(started));
  }
}

/**
 * Deliver due outbox entries, oldest first. An entry is recorded as in flight before it is sent and marked sent right
 * after; after a crash between the two, the entry in flight is reconciled with the platform before anything is re-sent.
 * A transient failure stops this round (the platform is down) and reschedules with backoff; a permanent one
 * dead-letters that entry (kept, visible) and the round goes on.
 */
export interface DispatchReport {
  sent: number;
  failed: number;
  /** entries marked sent in this round, by kind (alert, update, digest, notice) */
  sentByKind: Partial<Record<OutboxEntry['payload']['kind'], number>>;
}

export async function dispatchOutbox(deps: DispatchDeps, now: Date): Promise<DispatchReport> {
  // Strict order: every pending entry, oldest first; the first one still waiting out a backoff holds back the newer
  // ones, so after an outage alerts arrive in the order they were raised.
  const pending = await deps.store.outboxDue(new Date(8.64e15));
  let inFlight = pending.length > 0 ? await deps.store.kvGet<string>(IN_FLIGHT_KEY) : undefined;
  let sent = 0;
  let failed = 0;
  const sentByKind: DispatchReport['sentByKind'] = {};
  for (const e of pending) {
    if (Date.parse(e.notBefore) > now.getTime()) break;
    try {
      const r = await deliverOne(deps, e, inFlight);
      await deps.store.outboxMarkSent(e.id, new Date().toISOString(), r.messageId);
      inFlight = undefined;
      sent++;
      sentByKind[e.payload.kind] = (sentByKind[e.payload.kind] ?? 0) + 1;
      if (!r.reconciled) deps.metrics.deliveries.inc({ kind: e.payload.kind, outcome: 'delivered' });
    } catch (err) {
      failed++;
      const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      const permanent = err instanceof PermanentDeliveryError;
      const retryAfter = err instanceof TransientDeliveryError && err.retryAfterMs ? err.retryAfterMs : 0;
      const backoff = Math.max(retryAfter, Math.min(RETRY_BASE_MS * 2 ** e.attempts, RETRY_CAP_MS));
      // a transient failure is retried until it is delivered (the backoff is capped at 15 min); only a permanent
      // refusal dead-letters the entry, which stays in the store and is counted in /status and /healthz
      const dead = permanent;
      deps.metrics.deliveries.inc({ kind: e.payload.kind, outcome: dead ? 'dead' : 'failed' });
      await deps.store.outboxMarkFailed(e.id, msg, new Date(now.getTime() + backoff).toISOString(), dead);
      deps.logger.warn({ outboxId: e.id, kind: e.payload.kind, attempts: e.attempts + 1, dead, err: msg }, 'Delivery failed');
      if (!permanent) break;
    }
  }
  return { sent, failed, sentByKind };
}
