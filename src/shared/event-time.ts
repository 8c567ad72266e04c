import { DateTime } from 'luxon';

/** An event's time (brands[].events): a bare date is midnight in the team's zone; a time with an offset keeps it. */
export function eventTime(iso: string, zone: string): number {
  return DateTime.fromISO(iso, { zone }).toMillis();
}
