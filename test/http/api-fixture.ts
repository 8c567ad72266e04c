import { rmSync } from 'node:fs';
import { buildApp, type App } from '../../src/app/build.js';
import type { SentimentLabel } from '../../src/domain/types.js';
import { startHealthServer, type HealthServer } from '../../src/http/health-server.js';
import { silentLogger } from '../../src/shared/logger.js';
import { batch, mention } from '../store/helpers.js';
import { recordingSink, tempBot } from '../support/temp-config.js';

export const NOW = new Date('2026-11-23T12:30:00.000Z');
export const TOKEN = 'test-token-0123456789abcdef';
const LABELS: SentimentLabel[] = ['negative', 'neutral', 'positive'];

export interface ApiFixture {
  app: App;
  server: HealthServer;
  get(path: string, token?: string | null): Promise<Response>;
  close(): Promise<void>;
}

/**
 * A bot on a real lowdb store in a temp directory, with 41 Acme mentions over two days (some sharing one instant, as
 * a feed without dates stores them), 3 Globex ones, and one sent alert; served on 127.0.0.1 at an ephemeral port.
 */
export async function apiFixture(configured: string | null = TOKEN): Promise<ApiFixture> {
  const token = configured ?? undefined;
  const bot = tempBot({ brands: [{ name: 'Acme', aliases: ['Acme Corp'], competitors: ['Globex'], events: [{ name: 'Spring launch', start: '2026-11-22T12:00:00Z' }] }, { name: 'Globex' }] });
  const app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink: recordingSink(), demo: false, sources: [] });
  const mentions = [];
  for (let i = 0; i < 41; i++) {
    // in each group of five, three share one instant: ties the cursor must neither repeat nor skip
    const tie = i % 5 < 3;
    const at = new Date(NOW.getTime() - (1 + Math.floor(i / 5) * 5) * 3_600_000 - (tie ? 0 : i * 60_000)).toISOString();
    const label = LABELS[i % 3]!;
    mentions.push(mention({ brand: 'Acme', itemKey: `rss:${i}`, publishedAt: at, author: app.authorPseudonym(`person${i % 4}`), sentiment: { label, confidence: 0.9, scores: { negative: 0.1, neutral: 0.1, positive: 0.1, [label]: 0.8 }, classifier: 'test' } }));
  }
  for (let i = 0; i < 3; i++) mentions.push(mention({ brand: 'Globex', itemKey: `g:${i}`, publishedAt: new Date(NOW.getTime() - (i + 1) * 3_600_000).toISOString() }));
  const alertAt = new Date(NOW.getTime() - 2 * 3_600_000).toISOString();
  const alert = { id: 'alert-acme-1', brand: 'Acme', rule: 'crisis-keyword' as const, severity: 'critical' as const, title: 'Acme: "recall"', createdAt: alertAt, explanation: { summary: 'recall', window: { start: alertAt, end: alertAt }, details: {} }, mentions: [] };
  await app.store.commit(batch({ mentions, outbox: [{ id: alert.id, payload: { kind: 'alert', alert }, status: 'pending', attempts: 0, createdAt: alertAt, notBefore: alertAt }] }));
  await app.store.outboxMarkSent(alert.id, alertAt, 'm1');
  const server = await startHealthServer({ host: '127.0.0.1', port: 0, registry: app.metrics.registry, snapshot: () => Promise.resolve({ ok: true, details: {} }), api: { api: app.api, token, now: () => NOW } });
  return {
    app,
    server,
    get: (path, t = configured) => fetch(`${server.url}${path}`, t ? { headers: { authorization: `Bearer ${t}` } } : {}),
    close: async () => {
      await server.close();
      await app.close();
      rmSync(bot.root, { recursive: true, force: true });
    },
  };
}
