import { DateTime } from 'luxon';
import type { BrandEvent, BrandSpec } from '../domain/types.js';
import type { Result } from '../chat/api.js';
import type { Store } from '../store/store.js';
import { impactWindows, measureImpact, type ImpactReport } from '../analysis/impact.js';
import { oriAt, type OriSettings } from '../pipeline/ori.js';
import { eventTime } from '../shared/event-time.js';

const HOUR = 3_600_000;

export interface ImpactDeps {
  store: Store;
  brands: readonly BrandSpec[];
  ori: OriSettings;
  timezone: string;
}

/** Every configured event, with its brand: what `/impact` offers. */
export function listEvents(brands: readonly BrandSpec[]): { brand: string; event: BrandEvent }[] {
  return brands.flatMap((b) => (b.events ?? []).map((event) => ({ brand: b.name, event })));
}


/** Before and after one event of a brand (its name, any case), from the rollups and the reputation index. */
export async function impactOf(d: ImpactDeps, name: string, now: Date): Promise<Result<ImpactReport & { timezone: string }>> {
  const all = listEvents(d.brands);
  const hit = all.find((e) => e.event.name.toLowerCase() === name.trim().toLowerCase());
  if (!hit) {
    const known = all.map((e) => `"${e.event.name}" (${e.brand})`).join(', ');
    return { ok: false, error: { code: 'unknown-event', message: known ? `No event called "${name}". Known: ${known}.` : 'No event is configured: add `events:` to a brand in brands.yaml.' } };
  }
  const start = eventTime(hit.event.start, d.timezone);
  if (!(start < now.getTime())) return { ok: false, error: { code: 'event-not-started', message: `"${hit.event.name}" starts ${DateTime.fromMillis(start, { zone: d.timezone }).toFormat('ccc d LLL yyyy HH:mm')}: nothing to measure yet.` } };
  const end = hit.event.end === undefined ? undefined : eventTime(hit.event.end, d.timezone);
  const { beforeStart, afterEnd } = impactWindows(start, end, now.getTime());
  const brand = d.brands.find((b) => b.name === hit.brand)!;
  const competitors = brand.competitors.length ? brand.competitors : d.brands.filter((b) => b.name !== brand.name).map((b) => b.name);
  const since = new Date(beforeStart - HOUR).toISOString();
  const until = new Date(afterEnd).toISOString();
  const [own, comp, oriBefore, oriAfter] = await Promise.all([
    d.store.rollups(brand.name, since, until),
    Promise.all(competitors.map((c) => d.store.rollups(c, since, until))),
    oriAt(d.store, brand.name, new Date(start), d.ori),
    oriAt(d.store, brand.name, new Date(afterEnd), d.ori),
  ]);
  return {
    ok: true,
    value: {
      timezone: d.timezone,
      ...measureImpact({ brand: brand.name, event: hit.event.name, start, end, now: now.getTime(), brandRollups: own, competitorRollups: comp.flat(), oriBefore: oriBefore.value, oriAfter: oriAfter.value }),
    },
  };
}
