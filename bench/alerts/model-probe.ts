/**
 * Probe of the spike count model alone (no pipeline): generated streams bucketed into hourly counts per brand, judged
 * every 15 minutes as the rules would. Prints false alarms per brand-day on quiet streams and detection of bursts.
 * `npx tsx bench/alerts/model-probe.ts [streams]`
 */
import { judgeSpike, longestSpikeWindowMinutes, type CountedMention } from '../../src/analysis/spike-verdict.js';
import { fitBrandModels } from '../../src/analysis/brand-models.js';
import { HOUR_MS, type HourSeries } from '../../src/analysis/rhythm.js';
import { industryFactors } from '../../src/analysis/industry.js';
import type { BrandModels } from '../../src/analysis/brand-models.js';

function industryAdjusted<T extends { x: { name: string; win: CountedMention[]; winNeg: CountedMention[] }; models: BrandModels }>(fits: T[], now: number): T[] {
  const f = industryFactors(fits.map((x) => ({ brand: x.x.name, models: x.models, count: x.x.win, negative: x.x.winNeg })), now, LONG);
  return fits.map((x) => ({ ...x, models: f.get(x.x.name)!.models }));
}
const ZONE = 'Etc/GMT+5';
import { generateStream } from './stream.js';
import { INDUSTRIES } from './vocab.js';

const STEP = 15 * 60_000;
const WINDOW = 60;
const LONG = longestSpikeWindowMinutes(WINDOW);
const judge = { windowMinutes: WINDOW, minCount: 5, pValue: Number(process.env.P ?? 1e-5), ratioThreshold: Number(process.env.RATIO ?? 1.5), minAuthors: Number(process.env.AUTHORS ?? 5), maxPerAuthor: Number(process.env.CAP ?? 2), minHistoryMentions: 20 };
const opts = { windowMinutes: WINDOW, levelHalfLifeDays: Number(process.env.HL ?? 3) };

const streams = Number(process.argv[2] ?? 6);
let fpFires = 0;
const cal: Record<string, number[]> = {};
let brandDays = 0;
let detected = 0;
let bursts = 0;
const delays: number[] = [];
for (let s = 0; s < streams; s++) {
  const industry = INDUSTRIES[s % 2]!;
  const quiet = s % 3 === 2;
  const st = generateStream({ seed: Number(process.env.SEED ?? 1000) + s, industry, days: 14, dailyVolumes: [30, 80, 200, 450, 900, 1600], utcOffsetHours: -5, events: !quiet });
  const names = industry.brands.map((b) => b.name);
  const times = new Map<string, { t: number; a: string; neg: boolean }[]>(names.map((n) => [n, []]));
  for (const it of st.items) {
    const b = industry.brands.find((x) => it.text.includes(`@${x.handle}`) || it.text.includes(x.name));
    if (b) times.get(b.name)!.push({ t: Date.parse(it.publishedAt), a: it.author, neg: /furious|terrible|worst|awful|angry|unacceptable|ridiculous|rip off|useless|frustrating|disgusting|lawsuit|boycott|breach/.test(it.text) });
  }
  brandDays += names.length * 14;
  const open = new Map<string, number>();
  const firstFire = new Map<string, number>();
  for (let now = st.start + HOUR_MS; now <= st.end; now += STEP) {
    const histEnd = Math.floor((now - LONG * 60_000) / HOUR_MS) * HOUR_MS;
    const series: { name: string; all: HourSeries; neg: HourSeries; win: CountedMention[]; winNeg: CountedMention[] }[] = [];
    for (const name of names) {
      const ts = times.get(name)!;
      const all = new Map<number, number>();
      const neg = new Map<number, number>();
      const win: CountedMention[] = [];
      const winNeg: CountedMention[] = [];
      for (const x of ts) {
        if (x.t >= now) break;
        if (x.t < histEnd) {
          const h = Math.floor(x.t / HOUR_MS) * HOUR_MS;
          all.set(h, (all.get(h) ?? 0) + 1);
          if (x.neg) neg.set(h, (neg.get(h) ?? 0) + 1);
        }
        if (x.t >= now - LONG * 60_000) {
          win.push({ t: x.t, who: x.a });
          if (x.neg) winNeg.push({ t: x.t, who: x.a });
        }
      }
      const first = ts[0] ? Math.floor(ts[0].t / HOUR_MS) * HOUR_MS : histEnd;
      const from = Math.max(first, histEnd - 14 * 24 * HOUR_MS);
      series.push({ name, all: { counts: all, start: from, end: histEnd }, neg: { counts: neg, start: from, end: histEnd }, win, winNeg });
    }
    const models = fitBrandModels(series.map((x) => ({ brand: x.name, count: x.all, negative: x.neg })), ZONE, opts);
    const raw = series.map((x) => ({ x, models: models.get(x.name)! }));
    const fits = process.env.IND ? industryAdjusted(raw, now) : raw;
    for (const f of fits) {
      for (const [metric, m, win] of [['all', f.models.count, f.x.win], ['neg', f.models.negative, f.x.winNeg]] as const) {
        const v = judgeSpike(m, win, new Date(now), metric === 'all' ? 'count' : 'negative', judge);
        const key = `${f.x.name}|${metric}`;
        if (process.env.TRACE && key === process.env.TRACE && Math.abs(now - Date.parse(process.env.AT ?? "")) < 4 * HOUR_MS) console.log("T", s, new Date(now).toISOString(), v.windowMinutes, v.observed, v.expected.toFixed(1), v.fireAt, v.pValue.toExponential(1), (1 / v.size).toFixed(2), m.clustering.toFixed(2), v.historyMentions.toFixed(0), m.level.toFixed(1));
        if (v.judged && !st.events.some((e) => e.brand === f.x.name && now >= e.start && now <= e.end + 2 * HOUR_MS)) {
          const c = (cal[`${metric}:${f.x.name}`] ??= [0, 0, 0, 0, 0, 0]);
          c[0]!++;
          if (v.pValue < 1e-2) c[1]!++;
          if (v.pValue < 1e-3) c[2]!++;
          if (v.pValue < 1e-4) c[3]!++;
          c[4]! += 1 / v.size;
          c[5]! += m.clustering;
        }
        if (!v.fired) {
          if ((open.get(key) ?? 0) < now - 6 * HOUR_MS) open.delete(key);
          continue;
        }
        const ev = st.events.find((e) => e.brand === f.x.name && now >= e.start && now <= e.end + 2 * HOUR_MS);
        if (ev && !firstFire.has(ev.id) && now <= ev.end + HOUR_MS) firstFire.set(ev.id, now);
        if (!open.has(key)) {
          if (!ev) {
            fpFires++;
            if (process.env.VERBOSE) console.log('FP', s, key, new Date(now).toISOString(), v.windowMinutes, v.observed, v.expected.toFixed(1), v.pValue.toExponential(1), v.historyMentions.toFixed(0), (1 / v.size).toFixed(2), m.clustering.toFixed(2), v.authors);
          }
        }
        open.set(key, now);
      }
    }
  }
  for (const e of st.events) {
    if (e.kind !== 'volume-burst' && e.kind !== 'negative-burst') continue;
    bursts++;
    const f = firstFire.get(e.id);
    if (f !== undefined) {
      detected++;
      delays.push(Math.round((f - e.start) / 60_000));
    } else if (process.env.VERBOSE) console.log('MISS', s, e.brand, e.kind, new Date(e.start).toISOString(), Math.round((e.end - e.start) / 60_000), e.magnitude.toFixed(1));
  }
}
delays.sort((a, b) => a - b);
for (const [k, c] of Object.entries(cal)) console.log(k, 'windows', c[0], 'p<1e-2', (c[1]! / c[0]!).toExponential(2), 'p<1e-3', (c[2]! / c[0]!).toExponential(2), 'p<1e-4', (c[3]! / c[0]!).toExponential(2), 'mean phi', (c[4]! / c[0]!).toFixed(3), 'mean theta', (c[5]! / c[0]!).toFixed(2));
console.log(JSON.stringify({ streams, brandDays, fpIncidents: fpFires, fpPerBrandDay: fpFires / brandDays, bursts, detected, medianDelay: delays[Math.floor(delays.length / 2)], delays }));
