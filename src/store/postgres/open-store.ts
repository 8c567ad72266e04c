import pg from 'pg';
import type { Logger } from '../../shared/logger.js';
import type { Store } from '../store.js';
import { migrate, type SqlMigration } from './migrate.js';
import { PostgresStore } from './postgres-store.js';

export interface PostgresStoreOptions {
  /** libpq connection URL (postgres://user@host:5432/db); the password may come from PGPASSWORD instead */
  url: string;
  logger: Logger;
  /** a Postgres schema to keep the tables in (created by the migrations when missing); default: the connection's search_path */
  schema?: string;
  now?: () => Date;
  /** connections in the pool (default 4) */
  poolSize?: number;
  /** apply missing migrations at open (default true) */
  migrate?: boolean;
  migrations?: readonly SqlMigration[];
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A connection pool on `url` (and `schema`), with idle-connection errors logged instead of crashing the process. */
export function connectPool(o: Pick<PostgresStoreOptions, 'url' | 'schema' | 'logger' | 'poolSize'>): pg.Pool {
  if (o.schema !== undefined && !SCHEMA_NAME.test(o.schema)) throw new Error(`invalid Postgres schema name: ${o.schema}`);
  const pool = new pg.Pool({
    connectionString: o.url,
    max: o.poolSize ?? 4,
    ...(o.schema !== undefined ? { options: `-c search_path=${o.schema}` } : {}),
    application_name: 'brand-listening-bot',
  });
  pool.on('error', (e) => o.logger.error({ err: e.message }, 'Postgres connection error (idle client)'));
  return pool;
}

/** Host and database of a connection URL, for logs (never the user or password). */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || u.searchParams.get('host') || 'local socket'}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

/** Connect, apply missing migrations (unless `migrate: false`), and return the Store. */
export async function openPostgresStore(o: PostgresStoreOptions): Promise<Store> {
  const pool = connectPool(o);
  try {
    if (o.migrate !== false) {
      const applied = await migrate(pool, o.logger, o.migrations, o.schema);
      if (applied.length > 0) o.logger.info({ db: describeUrl(o.url), applied }, 'Postgres schema migrated');
    }
  } catch (e) {
    await pool.end();
    throw e;
  }
  return new PostgresStore(pool, o.now ?? (() => new Date()));
}

/** `migrate` command: apply missing migrations and return the versions applied. */
export async function migratePostgres(o: Pick<PostgresStoreOptions, 'url' | 'schema' | 'logger' | 'migrations'>): Promise<number[]> {
  const pool = connectPool({ ...o, poolSize: 1 });
  try {
    return await migrate(pool, o.logger, o.migrations, o.schema);
  } finally {
    await pool.end();
  }
}
