import type { AppConfig } from '../config/load.js';
import type { Logger } from '../shared/logger.js';
import type { Store } from '../store/store.js';
import { openLowdbStore } from '../store/lowdb/index.js';
import { describeUrl, migratePostgres, openPostgresStore } from '../store/postgres/index.js';

/** Which store a configuration selects: lowdb (the embedded default) unless DATABASE_URL or settings.store says Postgres. */
export type StoreChoice = { engine: 'lowdb'; dir: string } | { engine: 'postgres'; url: string; schema?: string };

export function storeChoice(config: AppConfig, dataDir: string): StoreChoice {
  const s = config.settings.store;
  const url = config.env.DATABASE_URL ?? s.url;
  const engine = s.engine ?? (config.env.DATABASE_URL ? 'postgres' : 'lowdb');
  if (engine === 'lowdb' || url === undefined) return { engine: 'lowdb', dir: dataDir };
  return { engine: 'postgres', url, ...(s.schema !== undefined ? { schema: s.schema } : {}) };
}

export function describeChoice(c: StoreChoice): string {
  return c.engine === 'lowdb' ? `lowdb ${c.dir}` : `postgres ${describeUrl(c.url)}${c.schema ? ` schema ${c.schema}` : ''}`;
}

/** Open the configured store (Postgres: missing migrations are applied first). */
export async function openConfiguredStore(config: AppConfig, dataDir: string, logger: Logger): Promise<Store> {
  const c = storeChoice(config, dataDir);
  logger.info({ store: describeChoice(c) }, 'Opening store');
  if (c.engine === 'lowdb') return openLowdbStore({ dir: c.dir, logger });
  if (!config.env.AUTHOR_HASH_KEY) logger.warn('Postgres store without AUTHOR_HASH_KEY: each data directory generates its own key, so workers on other machines would pseudonymise authors differently');
  return openPostgresStore({ url: c.url, logger, ...(c.schema !== undefined ? { schema: c.schema } : {}) });
}

/** `migrate`: bring the configured store's schema up to date and say what was done. */
export async function migrateConfiguredStore(config: AppConfig, dataDir: string, logger: Logger): Promise<{ store: string; applied: number[] }> {
  const c = storeChoice(config, dataDir);
  if (c.engine === 'lowdb') {
    // lowdb migrates its meta.json version at open
    await (await openLowdbStore({ dir: c.dir, logger })).close();
    return { store: describeChoice(c), applied: [] };
  }
  return { store: describeChoice(c), applied: await migratePostgres({ url: c.url, logger, ...(c.schema !== undefined ? { schema: c.schema } : {}) }) };
}
