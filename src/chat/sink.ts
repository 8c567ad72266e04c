import type { Alert, Digest, Notice } from '../domain/types.js';

export interface DeliveryReceipt {
  /** platform message id, when the platform has one */
  messageId?: string;
}

/** Thrown (or rejected) by a sink when delivery failed but may succeed later (outage, 5xx, 429). */
export class TransientDeliveryError extends Error {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
    this.name = 'TransientDeliveryError';
  }
}

/** Thrown when delivery can never succeed as configured (403/404 channel): stop sending there, tell a human. */
export class PermanentDeliveryError extends Error {
  constructor(message: string, readonly target?: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/** Where alerts, digests and notices go. Implementations: console/, discord/. */
export interface ChatSink {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** `outboxId` is stable across retries so a platform can de-duplicate (e.g. Discord nonce). */
  sendAlert(alert: Alert, outboxId: string): Promise<DeliveryReceipt>;
  sendDigest(digest: Digest, outboxId: string): Promise<DeliveryReceipt>;
  sendNotice(notice: Notice, outboxId: string): Promise<DeliveryReceipt>;
  /**
   * An incident's later news (`alert.update` says which): show it on the incident's first message (`root`, as
   * delivered) — Discord edits that message and replies in a thread under it; the console prints an indented line.
   */
  sendUpdate(alert: Alert, root: { outboxId: string; messageId: string; alert?: Alert }, outboxId: string): Promise<DeliveryReceipt>;
}
