import { readdir } from 'node:fs/promises';
import { type FileContext, DurableJsonFile } from './durable-file.js';
import { type MetaDoc, metaDoc } from './docs.js';
import { StoreCorruptError, StoreMigrationMissingError, StoreSchemaTooNewError } from './errors.js';
import type { StorePaths } from './paths.js';

export const SCHEMA_VERSION = 1;

/** Upgrades a store directory from version N to N + 1 (keyed by N). */
export type Migration = (paths: StorePaths, ctx: FileContext) => Promise<void>;

/** No older layout exists yet: version 1 is the first. Add `{ 1: migrate1to2 }` here when the layout changes. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

const DATA_ENTRIES = new Set(['mentions', 'seen', 'rollups', 'state.json', 'outbox.json', 'journal.json']);

/** Create meta.json for a new store, refuse a newer one, run migrations for an older one. */
export async function ensureSchema(paths: StorePaths, ctx: FileContext, migrations = MIGRATIONS): Promise<void> {
  const meta = await DurableJsonFile.load<MetaDoc>(paths.meta, () => ({ schemaVersion: SCHEMA_VERSION, createdAt: ctx.now().toISOString() }), metaDoc.valid, ctx);
  if (meta.outcome === 'reset') throw new StoreCorruptError(paths.meta, 'meta.json and meta.json.bak are unreadable (bad copy moved aside)');
  if (meta.outcome === 'missing') {
    const entries = await readdir(paths.dir);
    if (entries.some((e) => DATA_ENTRIES.has(e))) throw new StoreCorruptError(paths.meta, 'meta.json is missing but the directory holds data');
    await meta.write();
    return;
  }
  const found = meta.data.schemaVersion;
  if (found > SCHEMA_VERSION) throw new StoreSchemaTooNewError(found, SCHEMA_VERSION);
  for (let v = found; v < SCHEMA_VERSION; v++) {
    const migrate = migrations[v];
    if (!migrate) throw new StoreMigrationMissingError(v);
    ctx.logger.info({ from: v, to: v + 1 }, 'migrating store schema');
    await migrate(paths, ctx);
    meta.data.schemaVersion = v + 1;
    await meta.write();
  }
}
