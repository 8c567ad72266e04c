/** Raised when analysis options are outside their valid range (config validation should prevent this). */
export class InvalidAnalysisOptionsError extends Error {
  override readonly name = 'InvalidAnalysisOptionsError';
  constructor(
    readonly option: string,
    readonly value: unknown,
  ) {
    super(`invalid analysis option ${option}: ${String(value)}`);
  }
}

/** Raised when a timezone name is not a valid IANA zone. */
export class InvalidTimezoneError extends Error {
  override readonly name = 'InvalidTimezoneError';
  constructor(readonly timezone: string) {
    super(`invalid timezone: ${timezone}`);
  }
}
