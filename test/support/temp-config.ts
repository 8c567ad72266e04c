import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Alert, Digest, Notice } from '../../src/domain/types.js';
import type { ChatSink } from '../../src/chat/sink.js';

export interface TempBot {
  root: string;
  configDir: string;
  dataDir: string;
}

/** A throwaway config + data directory (real files) for end-to-end runs. */
export function tempBot(files: { brands: unknown; sources?: unknown; settings?: unknown }): TempBot {
  const root = mkdtempSync(join(tmpdir(), 'bot-'));
  const configDir = join(root, 'config');
  const dataDir = join(root, 'data');
  mkdirSync(configDir);
  writeFileSync(join(configDir, 'brands.yaml'), stringify({ brands: files.brands }));
  // Reddit off unless a test configures it (the credential-free fallback is opt-in anyway; this keeps tests explicit)
  const sources = { reddit: { enabled: false, rssFallback: false }, ...((files.sources ?? { feeds: [] }) as Record<string, unknown>) };
  writeFileSync(join(configDir, 'sources.yaml'), stringify(sources));
  writeFileSync(join(configDir, 'settings.yaml'), stringify(files.settings ?? {}));
  return { root, configDir, dataDir };
}

export interface RecordingSink extends ChatSink {
  alerts: { alert: Alert; id: string; at: number }[];
  /** incident updates, with the outbox id of the message they update */
  updates: { alert: Alert; id: string; root: string }[];
  digests: Digest[];
  notices: Notice[];
}

/** A chat sink that records what it was given (with arrival time), like a chat channel would. */
export function recordingSink(): RecordingSink {
  const s: RecordingSink = {
    name: 'recording',
    health: () => ({ failingChannels: [] }),
    alerts: [],
    updates: [],
    digests: [],
    notices: [],
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    sendAlert: (alert, id) => (s.alerts.push({ alert, id, at: performance.now() }), Promise.resolve({ messageId: `rec:${id}` })),
    sendUpdate: (alert, root, id) => (s.updates.push({ alert, id, root: root.outboxId }), Promise.resolve({})),
    sendDigest: (d) => (s.digests.push(d), Promise.resolve({})),
    sendNotice: (n) => (s.notices.push(n), Promise.resolve({})),
    findDelivered: (id) => Promise.resolve(s.alerts.some((a) => a.id === id) || s.updates.some((u) => u.id === id) ? {} : undefined),
  };
  return s;
}
