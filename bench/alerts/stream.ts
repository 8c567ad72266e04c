/**
 * A seeded generator of realistic multi-brand mention streams with labelled events, for the alert-quality benchmark.
 *
 * Normal traffic: brands of different sizes; a daily rhythm (night trough, morning and evening peaks, in the stream's
 * own time zone) and a weekly one; over-dispersed counts (a gamma day factor per brand, a gamma factor per hour, an
 * occasional busy news day for the whole industry); conversation threads (a mention followed by a few replies within
 * half an hour); a vocabulary the industry shares. None of that is an event.
 * Labelled events: volume bursts, negative bursts (with an event phrase), slow sentiment drifts, single crisis items.
 * A stream made with `events: false` is a quiet stretch: every incident in it is a false alarm.
 */
import { mulberry32 } from '../../src/shared/prng.js';
import type { Industry } from './vocab.js';

export type EventKind = 'volume-burst' | 'negative-burst' | 'drift' | 'crisis';

export interface LabelledEvent {
  id: string;
  brand: string;
  kind: EventKind;
  start: number;
  end: number;
  /** extra mentions per hour at the peak, or the rise of the negative share for a drift */
  magnitude: number;
  /** crisis: the link of the one mention */
  link?: string;
}

export interface StreamItem {
  title: string;
  text: string;
  publishedAt: string;
  link: string;
  author: string;
  /** the label the generator drew (benchmarks that need the truth, e.g. the forecast backtest) */
  label?: Label;
  /** the brand the item was written about */
  brand?: string;
}

export interface StreamSpec {
  seed: number;
  industry: Industry;
  days: number;
  /** mentions per day of each brand (one per industry brand, same order) */
  dailyVolumes: number[];
  /** offset of the audience's local time from UTC, hours */
  utcOffsetHours: number;
  events: boolean;
  start?: number;
  /** real tweets (by label) mixed into the texts, for realistic variety */
  fillers?: Record<'negative' | 'neutral' | 'positive', string[]>;
}

export interface Stream {
  spec: StreamSpec;
  items: StreamItem[];
  events: LabelledEvent[];
  start: number;
  end: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
type Label = 'negative' | 'neutral' | 'positive';

function gamma(r: () => number, shape: number): number {
  // Marsaglia–Tsang, shape >= 1 (all uses here), mean 1 after dividing by shape
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      const u1 = r() || 1e-12;
      const u2 = r();
      x = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = r();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / shape;
  }
}

function poisson(r: () => number, mean: number): number {
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r())));
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l);
  return k - 1;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** Local-hour shape: trough around 04:00, peaks mid-morning and evening; mean ≈ 1. */
function hourShape(localHour: number, jitter: number): number {
  const h = (localHour + 24) % 24;
  const morning = Math.exp(-((h - 10 - jitter) ** 2) / 8);
  const evening = Math.exp(-((h - 19 + jitter) ** 2) / 10);
  return (0.12 + 1.5 * morning + 1.3 * evening) / 0.83;
}

interface BrandPlan {
  name: string;
  handle: string;
  perHour: number;
  neg: number;
  pos: number;
  jitter: number;
  weekend: number;
  authors: number;
}

/** Generates the stream (deterministic for a spec). */
export function generateStream(spec: StreamSpec): Stream {
  const r = mulberry32(spec.seed);
  const start = spec.start ?? Date.parse('2026-03-02T00:00:00Z') + Math.floor(r() * 7) * DAY;
  const end = start + spec.days * DAY;
  const brands: BrandPlan[] = spec.industry.brands.map((b, i) => {
    const neg = spec.industry.name === 'airlines' ? 0.3 + r() * 0.3 : 0.15 + r() * 0.2;
    return { ...b, perHour: (spec.dailyVolumes[i] ?? 50) / 24, neg, pos: 0.15 + r() * 0.15, jitter: r() * 2 - 1, weekend: 0.75 + r() * 0.4, authors: Math.max(30, Math.round((spec.dailyVolumes[i] ?? 50) * 3)) };
  });
  const dayFactor = brands.map(() => Array.from({ length: spec.days + 1 }, () => gamma(r, 16)));
  const industryDay = Array.from({ length: spec.days + 1 }, () => (r() < 0.06 ? 1.6 : 1) * gamma(r, 40));
  const events: LabelledEvent[] = spec.events ? planEvents(r, spec, brands, start) : [];
  const items: StreamItem[] = [];
  let n = 0;
  const say = (b: BrandPlan, t: number, label: Label, extra?: string, by?: string): string => {
    const ref = r() < 0.6 ? `@${b.handle}` : b.name;
    const body = spec.fillers && r() < 0.3 ? pick(r, spec.fillers[label]) : pick(r, spec.industry[label]);
    const common = r() < 0.5 ? ` ${pick(r, spec.industry.common)}` : '';
    const text = extra ? `${ref} ${extra}: ${body}${common}` : r() < 0.5 ? `${ref} ${body}${common}` : `${body} ${ref}${common}`;
    // authors follow a Zipf-like law: a few write a lot
    const author = by ?? `u${Math.floor(b.authors ** r())}-${b.handle}`;
    items.push({ title: text, text, publishedAt: new Date(Math.floor(t)).toISOString(), link: `https://social.example/${spec.seed}/${n++}`, author, label, brand: b.name });
    return author;
  };
  const labelFor = (b: BrandPlan, negShare: number): Label => {
    const x = r();
    return x < negShare ? 'negative' : x < negShare + b.pos ? 'positive' : 'neutral';
  };
  for (let t = start; t < end; t += HOUR) {
    const day = Math.floor((t - start) / DAY);
    const local = new Date(t + spec.utcOffsetHours * HOUR);
    const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
    brands.forEach((b, i) => {
      const drift = events.find((e) => e.brand === b.name && e.kind === 'drift' && t >= e.start && t < e.end);
      const negShare = Math.min(0.95, b.neg + (drift ? drift.magnitude * rampOf(drift, t) : 0));
      const rate = b.perHour * hourShape(local.getUTCHours(), b.jitter) * (weekend ? b.weekend : 1) * dayFactor[i]![day]! * industryDay[day]! * gamma(r, 12);
      const count = poisson(r, rate);
      for (let k = 0; k < count; k++) {
        const at = t + r() * HOUR;
        const label = labelFor(b, negShare);
        const seed = say(b, at, label);
        // a conversation: some mentions draw replies that name the brand too, between the author and one or two others
        if (r() < 0.05) {
          const replies = 1 + Math.floor(Math.log(r() || 1e-12) / Math.log(0.65));
          const people = [seed, `u${Math.floor(b.authors ** r())}-${b.handle}`, `u${Math.floor(b.authors ** r())}-${b.handle}`];
          for (let j = 0; j < replies; j++) say(b, at + r() * 30 * 60_000, r() < 0.7 ? label : labelFor(b, negShare), undefined, people[j % (r() < 0.5 ? 2 : 3)]);
        }
      }
      for (const e of events) {
        if (e.brand !== b.name || t < e.start || t >= e.end) continue;
        if (e.kind === 'volume-burst' || e.kind === 'negative-burst') {
          const extra = poisson(r, e.magnitude * rampOf(e, t + HOUR / 2));
          const phrase = e.kind === 'negative-burst' ? pick(r, spec.industry.eventPhrases.slice(0, 3)) : undefined;
          for (let k = 0; k < extra; k++) say(b, t + r() * HOUR, e.kind === 'negative-burst' ? (r() < 0.85 ? 'negative' : 'neutral') : labelFor(b, negShare), phrase);
        }
      }
    });
  }
  for (const e of events.filter((x) => x.kind === 'crisis')) {
    const b = brands.find((x) => x.name === e.brand)!;
    const text = pick(r, spec.industry.crisis).replace('{b}', r() < 0.5 ? `@${b.handle}` : b.name);
    const link = `https://social.example/${spec.seed}/crisis-${e.id}`;
    items.push({ title: text, text, publishedAt: new Date(e.start).toISOString(), link, author: `u-crisis-${e.id}`, label: 'negative', brand: b.name });
    e.link = link;
  }
  items.sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : 0));
  return { spec, items, events, start, end };
}

/** 0 → 1 over the event's first half hour (a drift: over its first half), then 1, easing off over its last hour. */
function rampOf(e: LabelledEvent, t: number): number {
  const rise = e.kind === 'drift' ? (e.end - e.start) / 2 : 30 * 60_000;
  const up = Math.min(1, Math.max(0, (t - e.start) / rise));
  const down = e.kind === 'drift' ? 1 : Math.min(1, Math.max(0.3, (e.end - t) / HOUR));
  return up * down;
}

function planEvents(r: () => number, spec: StreamSpec, brands: BrandPlan[], start: number): LabelledEvent[] {
  const out: LabelledEvent[] = [];
  const kinds: EventKind[] = ['volume-burst', 'negative-burst', 'negative-burst', 'crisis', 'drift'];
  // about one event per brand per five days, none in the first 36 hours, none overlapping on one brand
  const count = Math.max(1, Math.round((brands.length * spec.days) / 5));
  for (let i = 0; i < count * 3 && out.length < count; i++) {
    const b = pick(r, brands);
    const kind = pick(r, kinds);
    const s = start + 36 * HOUR + Math.floor(r() * (spec.days * DAY - 48 * HOUR) / 60_000) * 60_000;
    const duration = kind === 'crisis' ? 60 * 60_000 : kind === 'drift' ? (36 + r() * 24) * HOUR : (2 + r() * 8) * HOUR;
    const e = s + duration;
    if (e > start + spec.days * DAY - HOUR) continue;
    if (out.some((x) => x.brand === b.name && x.start < e + 12 * HOUR && s < x.end + 12 * HOUR)) continue;
    // bursts: 2–7 times the brand's usual hourly rate on top of it, at least 8 extra mentions an hour
    const magnitude = kind === "drift" ? 0.25 + r() * 0.2 : kind === "crisis" ? 1 : Math.max(10, b.perHour * (3 + r() * 7));
    out.push({ id: `${spec.seed}-${out.length}`, brand: b.name, kind, start: s, end: e, magnitude });
  }
  return out.sort((a, b) => a.start - b.start);
}
