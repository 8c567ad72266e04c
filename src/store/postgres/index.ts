export { openPostgresStore, migratePostgres, describeUrl, type PostgresStoreOptions } from './open-store.js';
export { loadMigrations, type SqlMigration } from './migrate.js';
export { PgSchemaTooNewError, PgMigrationGapError, PgRowInvalidError, PgOutboxEntryNotFoundError, PgStoreClosedError } from './errors.js';
