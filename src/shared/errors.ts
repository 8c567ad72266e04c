/**
 * A JavaScript engine error (TypeError, ReferenceError...) thrown by a data shape nobody expected, inside a library or
 * our own code: its message ("Cannot read properties of undefined (reading 'rel')") means nothing to a reader and
 * must never be the failure reason a person reads. Log the original for developers; show a plain description.
 */
export function isInternalError(err: unknown): boolean {
  return err instanceof TypeError || err instanceof ReferenceError || err instanceof SyntaxError;
}

/** A failure as a person reads it: "Name: message", or a plain description when it is an internal error. */
export function describeFailure(err: unknown): string {
  if (isInternalError(err)) return 'internal error on unexpected data (details in the log)';
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
