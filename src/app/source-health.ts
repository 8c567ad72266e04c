import type { Logger } from '../shared/logger.js';
import type { Store } from '../store/store.js';

/** A restart gives sources disabled after repeated failures a fresh start (the disable notice tells people so). */
export async function reenableSources(store: Store, logger: Logger, only?: readonly string[]): Promise<void> {
  const disabled = (await store.sourceHealth()).filter((h) => h.disabled && (!only || only.includes(h.sourceId)));
  if (disabled.length === 0) return;
  for (const h of disabled) logger.info({ source: h.sourceId, failures: h.consecutiveFailures, lastError: h.lastError }, 'Re-enabling a disabled source at start-up');
  const sourceHealth = disabled.map((h) => ({ ...h, disabled: false, consecutiveFailures: 0, nextPollAt: undefined }));
  await store.commit({ mentions: [], seenItemKeys: [], sourceStates: {}, sourceHealth, outbox: [], kv: {} });
}
