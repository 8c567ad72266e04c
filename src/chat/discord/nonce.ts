import { createHash } from 'node:crypto';

/**
 * Discord nonces are at most 25 characters. With `enforce_nonce: true` Discord returns the already-created message for
 * a nonce it saw from us in the last minutes instead of posting again, so a retried outbox entry is not duplicated.
 */
export function nonceFor(outboxId: string): string {
  return createHash('sha256').update(outboxId).digest('base64url').slice(0, 25);
}
