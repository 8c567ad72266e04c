import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Result } from '../chat/api.js';

/** A calendar day as YYYY-MM-DD (checked for existence: 2026-02-30 is refused). */
export const digestDateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD, e.g. 2026-12-02')
  .refine((d) => DateTime.fromISO(d, { zone: 'UTC' }).isValid, 'no such day in the calendar');

/**
 * The local day a digest is asked for (chat or CLI), in the digest's zone: a past day, or today (so far). A day after
 * today has nothing to report and is refused with what today is there.
 */
export function checkDigestDate(input: string, zone: string, now: Date): Result<string> {
  const parsed = digestDateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: { code: 'bad-date', message: `"${input}": ${parsed.error.issues[0]?.message ?? 'not a day'}` } };
  const today = DateTime.fromJSDate(now, { zone }).toISODate() ?? '';
  if (parsed.data > today) return { ok: false, error: { code: 'future-date', message: `${parsed.data} has not happened yet: today is ${today} in ${zone}.` } };
  return { ok: true, value: parsed.data };
}
