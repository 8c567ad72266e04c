/**
 * `npm run bench -- forecast`: a backtest of the hourly forecasts (src/analysis/forecast.ts) on generated multi-brand
 * streams (bench/alerts/stream.ts, with their labelled events: bursts are part of what a forecast meets). From each
 * origin (local midnight of day 8 onwards), the models are fitted on the history before it, exactly as the bot fits
 * them, and the next HORIZON hours are forecast. Reports the 80 % interval's coverage and the mean absolute error
 * against two seasonal-naive forecasts (same hour the day before, and the week before); and the digest's band for a
 * whole day's mentions (against the day before). Seeds are fixed.
 */
import { fitBrandModels, type BrandHistory } from '../src/analysis/brand-models.js';
import { forecastBrand, forecastSpan } from '../src/analysis/forecast.js';
import { HOUR_MS } from '../src/analysis/rhythm.js';
import { generateStream } from './alerts/stream.js';
import { INDUSTRIES } from './alerts/vocab.js';

const DAY = 24 * HOUR_MS;
const OFFSET = -5;
const ZONE = 'Etc/GMT+5';
const BASELINE_DAYS = 14;

type Counts = Map<string, { all: Map<number, number>; negative: Map<number, number> }>;

function hourly(items: ReturnType<typeof generateStream>['items']): Counts {
  const out: Counts = new Map();
  for (const it of items) {
    if (!it.brand) continue;
    const c = out.get(it.brand) ?? { all: new Map(), negative: new Map() };
    out.set(it.brand, c);
    const h = Math.floor(Date.parse(it.publishedAt) / HOUR_MS) * HOUR_MS;
    c.all.set(h, (c.all.get(h) ?? 0) + 1);
    if (it.label === 'negative') c.negative.set(h, (c.negative.get(h) ?? 0) + 1);
  }
  return out;
}

function window(m: Map<number, number>, start: number, end: number): Map<number, number> {
  return new Map([...m].filter(([t]) => t >= start && t < end));
}

interface Tally {
  n: number;
  inside: number;
  abs: number;
  naiveDay: number;
  naiveWeek: number;
  weekN: number;
}

export async function benchForecast(streams: number, horizonHours = 24): Promise<Record<string, unknown>[]> {
  const tallies: Record<string, Tally> = {};
  const tally = (key: string): Tally => (tallies[key] ??= { n: 0, inside: 0, abs: 0, naiveDay: 0, naiveWeek: 0, weekN: 0 });
  for (let s = 0; s < streams; s++) {
    const industry = INDUSTRIES[s % 2]!;
    const st = generateStream({ seed: 3000 + s, industry, days: 21, dailyVolumes: [30, 80, 200, 450, 900, 1600], utcOffsetHours: OFFSET, events: true });
    const counts = hourly(st.items);
    const localMidnight = (day: number): number => st.start + day * DAY - OFFSET * HOUR_MS;
    for (let day = 8; localMidnight(day) + horizonHours * HOUR_MS <= st.end; day++) {
      const origin = localMidnight(day);
      const start = Math.max(st.start, origin - (BASELINE_DAYS + 1) * DAY);
      const histories: BrandHistory[] = [...counts].map(([brand, c]) => ({
        brand,
        count: { counts: window(c.all, start, origin), start, end: origin },
        negative: { counts: window(c.negative, start, origin), start, end: origin },
      }));
      const models = fitBrandModels(histories, ZONE, { windowMinutes: 60, levelHalfLifeDays: 3 });
      for (const [brand, c] of counts) {
        const points = forecastBrand(models.get(brand)!, new Date(origin), { hours: horizonHours, coverage: 0.8 });
        // the digest's band: the whole next day's mentions, as of its midnight
        const dayRange = forecastSpan(models.get(brand)!.count, origin, origin + DAY, origin, 0.8);
        let dayY = 0;
        for (let t = origin; t < origin + DAY; t += HOUR_MS) dayY += c.all.get(t) ?? 0;
        let dayBefore = 0;
        for (let t = origin - DAY; t < origin; t += HOUR_MS) dayBefore += c.all.get(t) ?? 0;
        const dk = tally('mentions per day (digest band)');
        dk.n++;
        if (dayY >= dayRange.lower && dayY <= dayRange.upper) dk.inside++;
        dk.abs += Math.abs(dayY - dayRange.expected);
        dk.naiveDay += Math.abs(dayY - dayBefore);
        const size = industry.brands.findIndex((b) => b.name === brand) < 3 ? 'small' : 'large';
        for (const p of points) {
          const t = Date.parse(p.start);
          for (const [metric, series, range] of [['mentions', c.all, p.mentions], ['negative', c.negative, p.negative]] as const) {
            const y = series.get(t) ?? 0;
            for (const key of [`${metric} all`, `${metric} ${size} brands`]) {
              const k = tally(key);
              k.n++;
              if (y >= range.lower && y <= range.upper) k.inside++;
              k.abs += Math.abs(y - range.expected);
              k.naiveDay += Math.abs(y - (series.get(t - DAY) ?? 0));
              if (t - 7 * DAY >= st.start) {
                k.naiveWeek += Math.abs(y - (series.get(t - 7 * DAY) ?? 0));
                k.weekN++;
              }
            }
          }
        }
      }
    }
  }
  return Object.entries(tallies).map(([series, k]) => ({
    series,
    hours: k.n,
    coverage80: +(k.inside / k.n).toFixed(3),
    mae: +(k.abs / k.n).toFixed(2),
    maeSameHourYesterday: +(k.naiveDay / k.n).toFixed(2),
    maeSameHourLastWeek: k.weekN ? +(k.naiveWeek / k.weekN).toFixed(2) : null,
    vsYesterday: +(k.abs / k.naiveDay).toFixed(3),
  }));
}
