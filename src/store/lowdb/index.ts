export { openLowdbStore, type LowdbStoreOptions } from './open-store.js';
export {
  StoreLockedError,
  StoreCorruptError,
  StoreSchemaTooNewError,
  StoreMigrationMissingError,
  StoreClosedError,
  OutboxEntryNotFoundError,
} from './errors.js';
export { SCHEMA_VERSION, type Migration } from './schema.js';
export { defaultTermsOf } from './terms.js';
export { computeRollups, TOP_TERMS_PER_HOUR, type TermsOf } from './rollup.js';
export { seedStore } from './seed.js';
