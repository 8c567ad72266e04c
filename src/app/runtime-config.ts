import type { AppConfig } from '../config/load.js';
import type { FeedConfig } from '../config/schema.js';
import type { BrandEvent, BrandSpec } from '../domain/types.js';
import type { Store } from '../store/store.js';

/** Brands and feeds added or removed from chat are kept in the store and layered over the config files. */
export interface RuntimeOverrides {
  addedBrands: BrandSpec[];
  removedBrands: string[];
  addedFeeds: FeedConfig[];
  removedFeeds: string[];
  /** events added from chat (/event add), by brand */
  addedEvents?: (BrandEvent & { brand: string })[];
  /** alert threshold overrides, e.g. { "spike.minCount": 3 } */
  thresholds: Record<string, number>;
}

export const RUNTIME_KEY = 'runtime.overrides';

export async function loadOverrides(store: Store): Promise<RuntimeOverrides> {
  const o = await store.kvGet<RuntimeOverrides>(RUNTIME_KEY);
  return { addedBrands: [], removedBrands: [], addedFeeds: [], removedFeeds: [], thresholds: {}, ...(o ?? {}) };
}

export function effectiveBrands(cfg: AppConfig, o: RuntimeOverrides): BrandSpec[] {
  const removed = new Set(o.removedBrands.map((b) => b.toLowerCase()));
  const base = cfg.brands.filter((b) => !removed.has(b.name.toLowerCase()));
  const names = new Set(base.map((b) => b.name.toLowerCase()));
  const all = [...base, ...o.addedBrands.filter((b) => !names.has(b.name.toLowerCase()) && !removed.has(b.name.toLowerCase()))];
  const added = o.addedEvents ?? [];
  if (added.length === 0) return all;
  return all.map((b) => {
    const mine = added.filter((e) => e.brand === b.name).map(({ name, start, end }) => ({ name, start, ...(end ? { end } : {}) }));
    return mine.length ? { ...b, events: [...(b.events ?? []), ...mine] } : b;
  });
}

export function feedId(f: FeedConfig): string {
  if (f.id) return f.id;
  const u = f.url.replace(/^[a-z]+:\/+/i, '').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
  return `feed-${u.slice(0, 60)}`;
}

export function effectiveFeeds(cfg: AppConfig, o: RuntimeOverrides): (FeedConfig & { id: string })[] {
  const removed = new Set(o.removedFeeds);
  const all = [...cfg.sources.feeds, ...o.addedFeeds].map((f) => ({ ...f, id: feedId(f) }));
  const seen = new Set<string>();
  return all.filter((f) => !removed.has(f.id) && !seen.has(f.id) && (seen.add(f.id), true));
}
