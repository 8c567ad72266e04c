import { DateTime } from 'luxon';

/** Words and times a PR person reads without decoding: integer counts, local times without seconds. */

export function windowPhrase(minutes: number): string {
  if (minutes === 60) return 'the last hour';
  if (minutes % 60 === 0) return `the last ${minutes / 60} hours`;
  return `the last ${Math.round(minutes)} minutes`;
}

/** "14:05" in the zone (the day is added when it is not the reference day). */
export function localTime(iso: string, zone: string | undefined, reference?: string): string {
  const t = DateTime.fromISO(iso, { zone: zone ?? 'UTC' });
  if (!t.isValid) return iso;
  const ref = reference ? DateTime.fromISO(reference, { zone: zone ?? 'UTC' }) : undefined;
  return ref?.isValid && ref.hasSame(t, 'day') ? t.toFormat('HH:mm') : t.toFormat('ccc d LLL HH:mm');
}

/** "2026-12-02 09:00" in the zone: for logs and CLI tables, where the line must sort and say the year. */
export function localStamp(iso: string, zone: string | undefined): string {
  const t = DateTime.fromISO(iso, { zone: zone ?? 'UTC' });
  return t.isValid ? t.toFormat('yyyy-LL-dd HH:mm') : iso;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 h 15 min", "40 min". */
export function duration(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(min / 60);
  return h > 0 ? `${h} h${min % 60 ? ` ${min % 60} min` : ''}` : `${min} min`;
}

/** How rare a p-value is, in words: the chance a normal window of this brand looks like this. */
export function rarity(p: number, windowMinutes: number): string {
  const windowsPerYear = (365 * 24 * 60) / windowMinutes;
  const perYear = p * windowsPerYear;
  if (perYear < 1) return 'less than once a year by chance';
  if (perYear < 12) return `about ${Math.round(perYear)} times a year by chance`;
  return `about ${Math.round(perYear / 12)} times a month by chance`;
}
