import { z } from 'zod';

/** Query parameters of each endpoint. Strict: an unknown parameter is refused by name rather than ignored. */
const dateTime = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z' });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD, e.g. 2026-12-02');
const int = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `expected a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `expected a whole number from ${min} to ${max}`).max(max, `expected a whole number from ${min} to ${max}`))
    .default(fallback);

export const brandsParams = z.strictObject({});
export const reputationParams = z.strictObject({ window: int(1, 2160, 168) });
export const mentionsParams = z.strictObject({
  since: dateTime.optional(),
  until: dateTime.optional(),
  sentiment: z.enum(['negative', 'neutral', 'positive'], { error: 'expected negative, neutral or positive' }).optional(),
  limit: int(1, 100, 20),
  cursor: z.string().min(1).max(20_000).optional(),
});
export const digestParams = z.strictObject({ date: day.optional() });
export const alertsParams = z.strictObject({ since: dateTime.optional() });
export const askParams = z.strictObject({ q: z.string({ error: 'the question is required, e.g. ?q=why did Nimbus drop yesterday' }).trim().min(3, 'ask a question of at least 3 characters').max(300, 'at most 300 characters') });
export const impactParams = z.strictObject({});

export interface ParamError {
  param: string;
  message: string;
}

/** Parse a query string (each parameter at most once) with a schema; the first problem names its parameter. */
export function parseParams<T extends z.ZodType>(schema: T, query: URLSearchParams): { ok: true; value: z.output<T> } | { ok: false; error: ParamError } {
  const raw: Record<string, string> = {};
  for (const [k, v] of query) {
    if (k in raw) return { ok: false, error: { param: k, message: `${k}: give it once` } };
    raw[k] = v;
  }
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const [k = ''] = issue.keys;
    return { ok: false, error: { param: k, message: `${k}: not a parameter of this endpoint` } };
  }
  const param = String(issue?.path[0] ?? 'query');
  return { ok: false, error: { param, message: `${param}: ${issue?.message ?? 'invalid'}` } };
}
