// Placeholder: replaced by the matching implementation.
export interface QueryError { message: string; position: number }
export function tryCompileQuery(_q: string): { ok: true } | { ok: false; error: QueryError } {
  return { ok: true };
}
