import type { Logger } from '../shared/logger.js';
import { PermanentDeliveryError, TransientDeliveryError, type ChatSink, type DeliveryReceipt } from '../chat/sink.js';
import type { OutboxEntry, Store } from '../store/store.js';

export interface DispatchDeps {
  store: Store;
  sink: ChatSink;
  logger: Logger;
  metrics: Record<string, number>;
}

const RETRY_BASE_MS = 15_000;
const RETRY_CAP_MS = 15 * 60_000;

async function send(store: Store, sink: ChatSink, e: OutboxEntry): Promise<DeliveryReceipt> {
  switch (e.payload.kind) {
    case 'update': {
      // the root is older, so strict order has delivered it already; when it was dead-lettered or pruned there is
      // nothing to edit or reply under, and the update goes out as a message of its own
      const root = await store.outboxGet(e.payload.updates);
      if (root?.status === 'sent' && root.messageId) {
        const rootAlert = root.payload.kind === 'alert' ? root.payload.alert : undefined;
        return sink.sendUpdate(e.payload.alert, { outboxId: root.id, messageId: root.messageId, ...(rootAlert ? { alert: rootAlert } : {}) }, e.id);
      }
      return sink.sendAlert(e.payload.alert, e.id);
    }
    case 'alert':
      return sink.sendAlert(e.payload.alert, e.id);
    case 'digest':
      return sink.sendDigest(e.payload.digest, e.id);
    case 'notice':
      return sink.sendNotice(e.payload.notice, e.id);
  }
}

/**
 * Deliver due outbox entries, oldest first. An entry is recorded before it is sent and marked sent right after,
 * so a crash re-sends at most the one entry in flight (and the Discord sink de-duplicates that by nonce).
 * A transient failure stops this round (the platform is down) and reschedules with backoff; a permanent one
 * dead-letters that entry (kept, visible) and the round goes on.
 */
export async function dispatchOutbox(deps: DispatchDeps, now: Date): Promise<{ sent: number; failed: number }> {
  // Strict order: every pending entry, oldest first; the first one still waiting out a backoff holds back the newer
  // ones, so after an outage alerts arrive in the order they were raised.
  const pending = await deps.store.outboxDue(new Date(8.64e15));
  let sent = 0;
  let failed = 0;
  for (const e of pending) {
    if (Date.parse(e.notBefore) > now.getTime()) break;
    try {
      const r = await send(deps.store, deps.sink, e);
      await deps.store.outboxMarkSent(e.id, new Date().toISOString(), r.messageId);
      sent++;
      deps.metrics.delivered = (deps.metrics.delivered ?? 0) + 1;
    } catch (err) {
      failed++;
      deps.metrics.deliveryFailures = (deps.metrics.deliveryFailures ?? 0) + 1;
      const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      const permanent = err instanceof PermanentDeliveryError;
      const retryAfter = err instanceof TransientDeliveryError && err.retryAfterMs ? err.retryAfterMs : 0;
      const backoff = Math.max(retryAfter, Math.min(RETRY_BASE_MS * 2 ** e.attempts, RETRY_CAP_MS));
      // a transient failure is retried until it is delivered (the backoff is capped at 15 min); only a permanent
      // refusal dead-letters the entry, which stays in the store and is counted in /status and /healthz
      const dead = permanent;
      await deps.store.outboxMarkFailed(e.id, msg, new Date(now.getTime() + backoff).toISOString(), dead);
      deps.logger.warn({ outboxId: e.id, kind: e.payload.kind, attempts: e.attempts + 1, dead, err: msg }, 'Delivery failed');
      if (!permanent) break;
    }
  }
  return { sent, failed };
}
