/** Typed failures of the lowdb store, one class per failure mode. */

/** Another live process (or this one) already holds the data directory. */
export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError';
  constructor(
    readonly dir: string,
    readonly pid: number,
    readonly startedAt?: string,
  ) {
    super(`store ${dir} is locked by pid ${pid}${startedAt ? ` (started ${startedAt})` : ''}`);
  }
}

/** A file that cannot be recovered and that the store cannot run without (meta.json). */
export class StoreCorruptError extends Error {
  override readonly name = 'StoreCorruptError';
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`store file ${file} is corrupt: ${reason}`);
  }
}

/** The data directory was written by a newer version of the bot. */
export class StoreSchemaTooNewError extends Error {
  override readonly name = 'StoreSchemaTooNewError';
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`store schema version ${found} is newer than the supported version ${supported}: upgrade the bot`);
  }
}

/** The data directory is older and no migration exists for one of the steps. */
export class StoreMigrationMissingError extends Error {
  override readonly name = 'StoreMigrationMissingError';
  constructor(readonly from: number) {
    super(`no migration from store schema version ${from} to ${from + 1}`);
  }
}

/** A method was called after close(). */
export class StoreClosedError extends Error {
  override readonly name = 'StoreClosedError';
  constructor() {
    super('store is closed');
  }
}

/** outboxMarkSent / outboxMarkFailed named an id the outbox does not hold. */
export class OutboxEntryNotFoundError extends Error {
  override readonly name = 'OutboxEntryNotFoundError';
  constructor(readonly id: string) {
    super(`outbox entry ${id} not found`);
  }
}
