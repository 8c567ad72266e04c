import type { HourlyRollup } from '../domain/types.js';
import { mulberry32 } from '../shared/prng.js';
import { HOUR_MS } from './rhythm.js';

/**
 * Before and after an event (a campaign, a launch, a price change): the brand's volume per day, net sentiment and
 * share of voice in the event's window against the same length of time just before it, each change with a 90 %
 * bootstrap interval (the windows' days, or hours for a window under two days, resampled). Pure: the caller passes the
 * rollups, the two index values and the time the after-window is cut at. See docs/FORMULAS.md ("Impact").
 */
export interface ImpactWindow {
  start: string;
  end: string;
  mentions: number;
  volumePerDay: number;
  /** (pos − neg) / (pos + neg); null without polarised mentions */
  nss: number | null;
  /** the brand's mentions / the brand's and its competitors' */
  shareOfVoice: number | null;
  ori?: number;
}

export interface Change {
  value: number;
  /** the 90 % bootstrap interval of the change */
  low: number;
  high: number;
}

export interface ImpactReport {
  brand: string;
  event: string;
  before: ImpactWindow;
  after: ImpactWindow;
  change: { volumePerDay: Change | null; nss: Change | null; shareOfVoice: Change | null; ori?: number };
  /** the resampled unit: days, or hours for a short event */
  unit: 'day' | 'hour';
  /** the after-window ends at `now` because the event is still running (or has no end) */
  running: boolean;
}

export interface ImpactInput {
  brand: string;
  event: string;
  start: number;
  /** the event's end; an open event (or one still running) is cut at `now` */
  end: number | undefined;
  now: number;
  brandRollups: readonly HourlyRollup[];
  /** the competitors' rollups (any brand but this one), for the share of voice */
  competitorRollups: readonly HourlyRollup[];
  oriBefore?: number;
  oriAfter?: number;
  /** bootstrap draws (2,000 by default) */
  draws?: number;
}

/** an event without an end is measured over at most this long */
export const OPEN_EVENT_DAYS = 7;
const BOOTSTRAP_DRAWS = 2_000;

/** When an event stops counting: its end, or OPEN_EVENT_DAYS after its start when it names none. */
export function eventEnd(start: number, end: number | undefined): number {
  return end ?? start + OPEN_EVENT_DAYS * 24 * HOUR_MS;
}

/** The windows an impact compares: the event's, cut at `now` (at least an hour), and as long a time before it. */
export function impactWindows(start: number, end: number | undefined, now: number): { len: number; beforeStart: number; afterEnd: number; running: boolean } {
  const len = Math.max(HOUR_MS, Math.min(eventEnd(start, end), now) - start);
  return { len, beforeStart: start - len, afterEnd: start + len, running: end === undefined || end > now };
}

interface Chunk {
  n: number;
  pos: number;
  neg: number;
  comp: number;
}

function chunks(rollups: readonly HourlyRollup[], comp: readonly HourlyRollup[], start: number, end: number, unit: number): Chunk[] {
  const out: Chunk[] = Array.from({ length: Math.max(1, Math.ceil((end - start) / unit)) }, () => ({ n: 0, pos: 0, neg: 0, comp: 0 }));
  const at = (hour: string): Chunk | undefined => {
    const t = Date.parse(hour);
    return t >= start && t < end ? out[Math.floor((t - start) / unit)] : undefined;
  };
  for (const r of rollups) {
    const c = at(r.hour);
    if (!c) continue;
    c.n += r.count;
    c.pos += r.positive;
    c.neg += r.negative;
  }
  for (const r of comp) {
    const c = at(r.hour);
    if (c) c.comp += r.count;
  }
  return out;
}

interface Figures {
  volumePerDay: number;
  nss: number | null;
  sov: number | null;
}

function figures(cs: readonly Chunk[], days: number): Figures {
  let n = 0;
  let pos = 0;
  let neg = 0;
  let comp = 0;
  for (const c of cs) {
    n += c.n;
    pos += c.pos;
    neg += c.neg;
    comp += c.comp;
  }
  return { volumePerDay: n / days, nss: pos + neg > 0 ? (pos - neg) / (pos + neg) : null, sov: n + comp > 0 ? n / (n + comp) : null };
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i]!;
}

function seedOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function measureImpact(i: ImpactInput): ImpactReport {
  const { len, beforeStart, running } = impactWindows(i.start, i.end, i.now);
  const unitMs = len >= 48 * HOUR_MS ? 24 * HOUR_MS : HOUR_MS;
  const days = len / (24 * HOUR_MS);
  const before = chunks(i.brandRollups, i.competitorRollups, beforeStart, i.start, unitMs);
  const after = chunks(i.brandRollups, i.competitorRollups, i.start, i.start + len, unitMs);
  const fb = figures(before, days);
  const fa = figures(after, days);
  // bootstrap: each window's units resampled with replacement, the change recomputed
  const rand = mulberry32(seedOf(`${i.brand}|${i.event}|${i.start}`));
  const draw = (cs: readonly Chunk[]): Chunk[] => cs.map(() => cs[Math.floor(rand() * cs.length)]!);
  const diffs = { volumePerDay: [] as number[], nss: [] as number[], sov: [] as number[] };
  for (let k = 0; k < (i.draws ?? BOOTSTRAP_DRAWS); k++) {
    const b = figures(draw(before), days);
    const a = figures(draw(after), days);
    diffs.volumePerDay.push(a.volumePerDay - b.volumePerDay);
    if (a.nss !== null && b.nss !== null) diffs.nss.push(a.nss - b.nss);
    if (a.sov !== null && b.sov !== null) diffs.sov.push(a.sov - b.sov);
  }
  const change = (value: number | null, d: number[]): Change | null => {
    if (value === null || d.length === 0) return null;
    d.sort((x, y) => x - y);
    return { value, low: quantile(d, 0.05), high: quantile(d, 0.95) };
  };
  const win = (s: number, e: number, f: Figures, cs: readonly Chunk[], ori: number | undefined): ImpactWindow => ({
    start: new Date(s).toISOString(),
    end: new Date(e).toISOString(),
    mentions: cs.reduce((a, c) => a + c.n, 0),
    volumePerDay: f.volumePerDay,
    nss: f.nss,
    shareOfVoice: f.sov,
    ...(ori !== undefined ? { ori } : {}),
  });
  return {
    brand: i.brand,
    event: i.event,
    before: win(beforeStart, i.start, fb, before, i.oriBefore),
    after: win(i.start, i.start + len, fa, after, i.oriAfter),
    change: {
      volumePerDay: change(fa.volumePerDay - fb.volumePerDay, diffs.volumePerDay),
      nss: change(fa.nss !== null && fb.nss !== null ? fa.nss - fb.nss : null, diffs.nss),
      shareOfVoice: change(fa.sov !== null && fb.sov !== null ? fa.sov - fb.sov : null, diffs.sov),
      ...(i.oriAfter !== undefined && i.oriBefore !== undefined ? { ori: i.oriAfter - i.oriBefore } : {}),
    },
    unit: unitMs === HOUR_MS ? 'hour' : 'day',
    running,
  };
}
