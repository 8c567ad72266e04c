/** Failure modes of the Postgres store, one class each. */

export class PgSchemaTooNewError extends Error {
  override readonly name = 'PgSchemaTooNewError';
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`the database schema is at version ${found}, newer than this bot knows (${supported}): upgrade the bot`);
  }
}

export class PgMigrationGapError extends Error {
  override readonly name = 'PgMigrationGapError';
  constructor(
    readonly expected: number,
    readonly found: number,
  ) {
    super(`migration files must be numbered 0001, 0002, ... without gaps: expected ${expected}, found ${found}`);
  }
}

export class PgRowInvalidError extends Error {
  override readonly name = 'PgRowInvalidError';
  constructor(
    readonly table: string,
    readonly id: string,
    readonly issues: string,
  ) {
    super(`invalid ${table} row ${id}: ${issues}`);
  }
}

export class PgOutboxEntryNotFoundError extends Error {
  override readonly name = 'PgOutboxEntryNotFoundError';
  constructor(readonly id: string) {
    super(`outbox entry ${id} not found`);
  }
}

export class PgStoreClosedError extends Error {
  override readonly name = 'PgStoreClosedError';
  constructor() {
    super('the Postgres store is closed');
  }
}
