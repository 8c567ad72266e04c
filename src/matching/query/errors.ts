/** A query that cannot be compiled. `position` is the 0-based character offset of the offending part. */
export class QueryParseError extends Error {
  override readonly name = 'QueryParseError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}
