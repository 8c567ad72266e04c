/** Raised when persisted alert state does not have the expected shape. */
export class InvalidAlertStateError extends Error {
  override readonly name = 'InvalidAlertStateError';
  constructor(readonly issues: string) {
    super(`invalid alert state: ${issues}`);
  }
}

/** Raised when a quiet-hours setting cannot be interpreted (bad HH:MM or timezone). */
export class InvalidQuietHoursError extends Error {
  override readonly name = 'InvalidQuietHoursError';
  constructor(readonly value: string) {
    super(`invalid quiet hours: ${value}`);
  }
}
