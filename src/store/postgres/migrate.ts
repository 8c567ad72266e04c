import { readdir, readFile } from 'node:fs/promises';
import type { Pool } from 'pg';
import type { Logger } from '../../shared/logger.js';
import { PgMigrationGapError, PgSchemaTooNewError } from './errors.js';

/** One versioned SQL file of `migrations/`: `NNNN_name.sql`, applied once, in order, each in its own transaction. */
export interface SqlMigration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const FILE = /^(\d{4})_([a-z0-9_-]+)\.sql$/;
/** Taken for the whole run, so workers starting together apply each migration once. */
const MIGRATION_LOCK = 0x62726e64; // "brnd"

export async function loadMigrations(dir: URL = MIGRATIONS_DIR): Promise<SqlMigration[]> {
  const out: SqlMigration[] = [];
  for (const f of (await readdir(dir)).sort()) {
    const m = FILE.exec(f);
    if (!m) continue;
    out.push({ version: Number(m[1]), name: m[2]!, sql: await readFile(new URL(f, dir), 'utf-8') });
  }
  out.forEach((m, i) => {
    if (m.version !== i + 1) throw new PgMigrationGapError(i + 1, m.version);
  });
  return out;
}

/**
 * Bring the schema up to date: create the schema (validated by the caller) and `schema_migrations`, refuse a database newer than this code, apply the missing
 * versions in order (each with its bookkeeping row, in one transaction). Returns the versions applied now.
 */
export async function migrate(pool: Pool, logger: Logger, migrations?: readonly SqlMigration[], schema?: string): Promise<number[]> {
  const list = migrations ?? (await loadMigrations());
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      // the pool's search_path names the schema; created under the lock (IF NOT EXISTS alone races)
      if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      const have = new Set(rows.map((r) => r.version));
      const newest = rows.at(-1)?.version ?? 0;
      const known = list.at(-1)?.version ?? 0;
      if (newest > known) throw new PgSchemaTooNewError(newest, known);
      const applied: number[] = [];
      for (const m of list) {
        if (have.has(m.version)) continue;
        logger.info({ version: m.version, name: m.name }, 'applying Postgres migration');
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw e;
        }
        applied.push(m.version);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
