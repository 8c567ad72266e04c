import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import type pg from 'pg';
import { expect, it } from 'vitest';
import { buildApp } from '../../src/app/build.js';
import type { RawItem } from '../../src/domain/types.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { MentionSource } from '../../src/sources/source.js';
import { recordingSink, tempBot } from '../support/temp-config.js';

/** The bot on Postgres: selected by DATABASE_URL in the composition root, migrated by `npm run cli -- migrate`. */
export function describePostgresApp(h: { url: () => string; admin: () => pg.Pool; schemaName: () => string }): void {
  it('GIVEN DATABASE_URL THEN the bot stores in Postgres: mentions once, a crisis alert raised and sent once, across a restart', async () => {
    const schema = h.schemaName();
    const bot = tempBot({ brands: [{ name: 'Nimbus' }], settings: { alerts: { crisisKeywords: ['lawsuit'] }, store: { schema } } });
    const items: RawItem[] = [];
    const source: MentionSource = { id: 'feed', kind: 'rss', intervalSeconds: 1, describe: 'a feed', poll: () => Promise.resolve({ items: [...items], state: { n: items.length } }) };
    const env = { DATABASE_URL: h.url(), AUTHOR_HASH_KEY: 'k'.repeat(32) };
    const t0 = Date.parse('2026-11-23T12:00:00Z');
    try {
      const sink = recordingSink();
      let app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env, logger: silentLogger(), sink, demo: false, sources: [source] });
      await app.tick(new Date(t0)); // first poll: empty, silent
      items.push({ sourceId: 'feed', sourceKind: 'rss', guid: 'urn:1', link: 'https://ex.example/1', title: 'Nimbus faces a lawsuit over lost customer data, terrible', text: 'furious customers', publishedAt: new Date(t0 - 60_000).toISOString() });
      await app.tick(new Date(t0 + 60_000));
      await app.close();
      app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env, logger: silentLogger(), sink, demo: false, sources: [source] });
      await app.tick(new Date(t0 + 120_000));
      await app.close();
      expect(sink.alerts.filter((a) => a.alert.rule === 'crisis-keyword')).toHaveLength(1);
      const q = async (sql: string): Promise<unknown[]> => (await h.admin().query(sql)).rows;
      const keys = await q(`SELECT key FROM ${schema}.mentions`);
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatchObject({ key: expect.stringMatching(/^Nimbus\|/) });
      expect(await q(`SELECT state FROM ${schema}.source_states`)).toEqual([{ state: { n: 1 } }]);
      expect(await q(`SELECT status FROM ${schema}.outbox WHERE doc->'payload'->>'kind' = 'alert'`)).toEqual([{ status: 'sent' }]);
    } finally {
      rmSync(bot.root, { recursive: true, force: true });
    }
  });

  it('npm run cli -- migrate applies the missing migrations once and says so on stdout', () => {
    const schema = h.schemaName();
    const bot = tempBot({ brands: [{ name: 'Nimbus' }], settings: { store: { engine: 'postgres', schema } } });
    const run = () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--config', bot.configDir, '--data', bot.dataDir, 'migrate'], {
        encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: h.url() }, timeout: 60_000,
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return JSON.parse(r.stdout) as { store: string; applied: number[] };
    };
    try {
      const first = run();
      expect(first.applied).toEqual([1]);
      expect(first.store).toMatch(new RegExp(`^postgres 127\\.0\\.0\\.1:\\d+/postgres schema ${schema}$`));
      expect(run().applied).toEqual([]);
    } finally {
      rmSync(bot.root, { recursive: true, force: true });
    }
  }, 60_000);
}
