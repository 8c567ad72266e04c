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

/** A chat platform's live connection (Discord's gateway), for /healthz and /status. */
export interface GatewayStatus {
  state: 'connecting' | 'ready' | 'reconnecting' | 'down' | 'stopped';
  /** when it entered this state (an outage: when the connection was lost) */
  since: string;
  /** reconnect attempts made in this outage (the one under way included) */
  attempts: number;
  /** wait before the attempt under way */
  nextAttemptInMs?: number;
  lastCloseCode?: number;
}

/** What an outbox entry delivers, with what a sink needs to know where it went (an update's root, as delivered). */
export type Delivery =
  | { kind: 'alert'; alert: Alert }
  | { kind: 'digest'; digest: Digest }
  | { kind: 'notice'; notice: Notice }
  /** without `root` (dead-lettered or pruned) the update was sent as a message of its own, like an alert */
  | { kind: 'update'; alert: Alert; root?: { outboxId: string; messageId: string; alert?: Alert } };

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
  /**
   * Reconciliation after a crash between "sent" and "marked sent": was `outboxId` already delivered? Its receipt when
   * it was (Discord: found among the target channel's recent messages; the console: in its delivery journal), else
   * undefined. Rejects with TransientDeliveryError when the platform cannot tell now (the entry is retried later).
   */
  findDelivered(outboxId: string, what: Delivery): Promise<DeliveryReceipt | undefined>;
  /** what /status and /healthz show of the chat side */
  health(): SinkHealth;
}

/** A sink's health: channels it cannot post to (a human must fix their permissions) and its live connection, if it keeps one. */
export interface SinkHealth {
  failingChannels: { channel: string; error: string }[];
  /** Discord's gateway; absent for sinks without a live connection (the console) */
  gateway?: GatewayStatus;
}
