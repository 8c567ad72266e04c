import type { HourlyRollup } from '../domain/types.js';
import { isExcluded } from '../analysis/trends.js';

/**
 * What an incident was about: the terms most over-represented in its hours against the brand's hours before it
 * (share of mentions, one pseudo-count), phrases first. Configured names never count. Pure.
 */
export function incidentThemes(rollups: readonly HourlyRollup[], from: number, to: number, excluded?: ReadonlySet<string>, limit = 3): { term: string; count: number }[] {
  const inside = new Map<string, number>();
  const before = new Map<string, number>();
  let nIn = 0;
  let nBefore = 0;
  const start = Math.floor(from / 3_600_000) * 3_600_000;
  for (const r of rollups) {
    const t = Date.parse(r.hour);
    const into = t >= start && t < to ? inside : t < start ? before : undefined;
    if (!into) continue;
    if (into === inside) nIn += r.count;
    else nBefore += r.count;
    for (const [k, v] of Object.entries(r.terms)) into.set(k, (into.get(k) ?? 0) + v);
  }
  if (nIn === 0) return [];
  const scored = overRepresented(inside, nIn, { terms: before, total: nBefore }, 3, excluded);
  return scored.slice(0, limit).map(({ term, count }) => ({ term, count }));
}

/**
 * Terms used at least `minCount` times whose share of `total` is at least twice their share in the background (one
 * pseudo-count), configured names never; phrases first, then by count × log(lift). Pure.
 */
export function overRepresented(
  counts: ReadonlyMap<string, number>,
  total: number,
  background: { terms: ReadonlyMap<string, number>; total: number },
  minCount: number,
  excluded?: ReadonlySet<string>,
): { term: string; count: number; lift: number }[] {
  return [...counts]
    .filter(([term, n]) => n >= minCount && !isExcluded(term, excluded))
    .map(([term, n]) => ({ term, count: n, lift: n / total / (((background.terms.get(term) ?? 0) + 1) / (background.total + 1)) }))
    .filter((x) => x.lift >= 2)
    .sort((a, b) => Number(b.term.includes(' ')) - Number(a.term.includes(' ')) || b.count * Math.log(b.lift) - a.count * Math.log(a.lift) || (a.term < b.term ? -1 : 1));
}
