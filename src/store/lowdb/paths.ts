import { join } from 'node:path';

/** File layout of a store directory (see docs/STORAGE.md). */
export interface StorePaths {
  dir: string;
  meta: string;
  lock: string;
  journal: string;
  state: string;
  outbox: string;
  feedback: string;
  mentionsDir: string;
  seenDir: string;
  rollupsDir: string;
}

export function storePaths(dir: string): StorePaths {
  return {
    dir,
    meta: join(dir, 'meta.json'),
    lock: join(dir, 'LOCK'),
    journal: join(dir, 'journal.json'),
    state: join(dir, 'state.json'),
    outbox: join(dir, 'outbox.json'),
    feedback: join(dir, 'feedback.json'),
    mentionsDir: join(dir, 'mentions'),
    seenDir: join(dir, 'seen'),
    rollupsDir: join(dir, 'rollups'),
  };
}

export const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;
export const MONTH_DIR = /^\d{4}-\d{2}$/;

export const mentionPartitionPath = (p: StorePaths, day: string): string => join(p.mentionsDir, `${day}.json`);
export const seenPartitionPath = (p: StorePaths, day: string): string => join(p.seenDir, `${day}.json`);
export const rollupMonthDir = (p: StorePaths, month: string): string => join(p.rollupsDir, month);
export const rollupPath = (p: StorePaths, month: string, brand: string): string =>
  join(p.rollupsDir, month, `${encodeBrand(brand)}.json`);

/** A brand name as a safe file name (no separators, no dot-only names). */
export function encodeBrand(brand: string): string {
  return encodeURIComponent(brand).replace(/[.*!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function decodeBrand(file: string): string {
  return decodeURIComponent(file);
}

/** UTC day of an ISO time, "YYYY-MM-DD". */
export const dayOf = (iso: string): string => iso.slice(0, 10);
/** UTC month of an ISO time or day, "YYYY-MM". */
export const monthOf = (isoOrDay: string): string => isoOrDay.slice(0, 7);
/** Start of the UTC hour of an ISO time (input must be a toISOString() string). */
export const hourOf = (iso: string): string => `${iso.slice(0, 13)}:00:00.000Z`;

/** Normalises any parseable time to toISOString(); undefined when it does not parse. */
export function normalizeIso(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
