import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HourlyRollup, Mention } from '../../domain/types.js';
import { type FileContext, DurableJsonFile } from './durable-file.js';
import { type RollupDoc, rollupDoc } from './docs.js';
import { type StorePaths, MONTH_DIR, decodeBrand, hourOf, monthOf, rollupMonthDir, rollupPath } from './paths.js';
import { type TermsOf, computeRollups } from './rollup.js';

export const rollupGroup = (brand: string, hour: string): string => `${brand}\u0000${hour}`;

/** Hourly rollups, one file per brand per month (rollups/<YYYY-MM>/<brand>.json), small LRU cache. */
export class RollupFiles {
  private readonly cache = new Map<string, DurableJsonFile<RollupDoc>>();

  constructor(
    private readonly paths: StorePaths,
    private readonly ctx: FileContext,
    private readonly termsOf: TermsOf,
    private readonly maxCached = 24,
  ) {}

  private async get(brand: string, month: string): Promise<DurableJsonFile<RollupDoc>> {
    const path = rollupPath(this.paths, month, brand);
    const hit = this.cache.get(path);
    if (hit) {
      this.cache.delete(path);
      this.cache.set(path, hit);
      return hit;
    }
    const file = await DurableJsonFile.load(path, rollupDoc.empty(brand, month), rollupDoc.valid, this.ctx);
    this.cache.set(path, file);
    while (this.cache.size > this.maxCached) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return file;
  }

  /**
   * Recompute the given (brand, hour) groups from the mentions of their day partition and write the
   * touched month files. Recomputing (rather than adding) is what makes a journal replay never double count.
   */
  async rebuild(dayMentions: readonly Mention[], groups: ReadonlySet<string>): Promise<string[]> {
    const inGroups = dayMentions.filter((m) => groups.has(rollupGroup(m.brand, hourOf(m.publishedAt))));
    const fresh = new Map(computeRollups(inGroups, this.termsOf).map((r) => [rollupGroup(r.brand, r.hour), r]));
    const touched = new Map<string, DurableJsonFile<RollupDoc>>();
    for (const g of groups) {
      const [brand = '', hour = ''] = g.split('\u0000');
      const file = await this.get(brand, monthOf(hour));
      const r = fresh.get(g);
      if (r) file.data.hours[hour] = r;
      else delete file.data.hours[hour];
      touched.set(file.path, file);
    }
    for (const file of touched.values()) {
      await mkdir(dirname(file.path), { recursive: true });
      await file.write();
    }
    return [...new Set([...groups].map((g) => monthOf(g.split('\u0000')[1] ?? '')))];
  }

  /** Brands that have a rollup file for a month. */
  async brandsOf(month: string): Promise<string[]> {
    try {
      const names = await readdir(rollupMonthDir(this.paths, month));
      return names.filter((n) => n.endsWith('.json')).map((n) => decodeBrand(n.slice(0, -5)));
    } catch {
      return [];
    }
  }

  /** Rollups of hours overlapping [since, until), oldest first. */
  async query(brand: string, since: string, until: string): Promise<HourlyRollup[]> {
    const from = hourOf(since);
    const out: HourlyRollup[] = [];
    for (let month = monthOf(since); month <= monthOf(until); month = nextMonth(month)) {
      const file = await this.get(brand, month);
      for (const [hour, r] of Object.entries(file.data.hours)) if (hour >= from && hour < until) out.push(structuredClone(r));
    }
    return out.sort((a, b) => (a.hour < b.hour ? -1 : a.hour > b.hour ? 1 : 0));
  }

  async months(): Promise<string[]> {
    try {
      return (await readdir(this.paths.rollupsDir)).filter((n) => MONTH_DIR.test(n)).sort();
    } catch {
      return [];
    }
  }

  /** Delete a whole month, or (when `beforeHour` is given) only its hours before that hour. */
  async dropBefore(month: string, beforeHour?: string): Promise<void> {
    for (const [path] of this.cache) if (path.startsWith(rollupMonthDir(this.paths, month))) this.cache.delete(path);
    if (beforeHour === undefined) {
      await rm(rollupMonthDir(this.paths, month), { recursive: true, force: true });
      return;
    }
    for (const brand of await this.brandsOf(month)) {
      const file = await this.get(brand, month);
      const before = Object.keys(file.data.hours).filter((h) => h < beforeHour);
      if (before.length === 0) continue;
      for (const h of before) delete file.data.hours[h];
      await file.write();
    }
  }
}

export function nextMonth(month: string): string {
  const [y = 0, m = 0] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
