/**
 * Probe of the sentiment-shift judge alone: generated streams → hourly rollups per brand (labels through a simulated
 * classifier: a negative is read negative with P_HIT, anything else with P_FALSE), judged every hour.
 * Prints drifts found, and fires outside any event (and a day after it). `npx tsx bench/alerts/shift-probe.ts [streams]`
 */
import { judgeShift } from '../../src/analysis/sentiment-shift.js';
import type { HourlyRollup } from '../../src/domain/types.js';
import { generateStream } from './stream.js';
import { INDUSTRIES } from './vocab.js';

const HOUR = 3_600_000;
const HIT = Number(process.env.P_HIT ?? 0.8);
const FALSE = Number(process.env.P_FALSE ?? 0.15);
const o = { windowHours: 24, minRise: 0.1, pValue: Number(process.env.P ?? 1e-3), minMentions: 30 };
const streams = Number(process.argv[2] ?? 6);
let drifts = 0;
let found = 0;
let fp = 0;
let brandDays = 0;
const delays: number[] = [];
let rs = 7;
const rand = (): number => ((rs = (rs * 1103515245 + 12345) % 2147483648) / 2147483648);
for (let s = 0; s < streams; s++) {
  const industry = INDUSTRIES[s % 2]!;
  const st = generateStream({ seed: Number(process.env.SEED ?? 2000) + s, industry, days: 14, dailyVolumes: [30, 80, 200, 450, 900, 1600], utcOffsetHours: -5, events: s % 3 !== 2 });
  for (const b of industry.brands) {
    brandDays += 14;
    const hours = new Map<number, HourlyRollup>();
    for (const it of st.items) {
      if (it.brand !== b.name) continue;
      const h = Math.floor(Date.parse(it.publishedAt) / HOUR) * HOUR;
      const r = hours.get(h) ?? { brand: b.name, hour: new Date(h).toISOString(), count: 0, positive: 0, neutral: 0, negative: 0, engagement: 0, terms: {} };
      r.count++;
      if (rand() < (it.label === 'negative' ? HIT : FALSE)) r.negative++;
      hours.set(h, r);
    }
    const all = [...hours.values()].sort((a, c) => (a.hour < c.hour ? -1 : 1));
    const events = st.events.filter((e) => e.brand === b.name);
    const first = new Map<string, number>();
    let lastFire = -Infinity;
    for (let now = st.start + HOUR; now <= st.end; now += HOUR) {
      const rollups = all.filter((r) => Date.parse(r.hour) < now && Date.parse(r.hour) >= now - 15 * 24 * HOUR);
      const v1 = judgeShift(rollups, new Date(now), 1.2, o);
      const v2 = process.env.LONG ? judgeShift(rollups, new Date(now), 1.2, { ...o, windowHours: Number(process.env.LONG), pValue: o.pValue }) : v1;
      const v = v1.fired ? v1 : v2;
      if (process.env.TRACE === `${s}|${b.name}` && events.some((e) => e.kind === 'drift' && now >= e.start && now <= e.end + HOUR)) console.log('T', new Date(now).toISOString(), v.mentions, v.share.toFixed(2), v.baseline.toFixed(2), v.fireAt.toFixed(2), v.swing.toFixed(3), v.baselineWindows, v.judged);
      if (!v.fired) continue;
      const ev = events.find((e) => now >= e.start && now <= e.end + HOUR);
      if (ev?.kind === 'drift' && !first.has(ev.id)) first.set(ev.id, now);
      const near = events.some((e) => now >= e.start - HOUR && now <= e.end + 24 * HOUR);
      if (!near && now - lastFire > 12 * HOUR) {
        fp++;
        if (process.env.VERBOSE) console.log('FP', s, b.name, new Date(now).toISOString(), v.share.toFixed(2), v.baseline.toFixed(2), v.fireAt.toFixed(2), v.mentions);
      }
      lastFire = now;
    }
    for (const e of events.filter((x) => x.kind === 'drift')) {
      drifts++;
      const f = first.get(e.id);
      if (f !== undefined) {
        found++;
        delays.push(Math.round((f - e.start) / HOUR));
      } else if (process.env.VERBOSE) console.log('MISS', s, b.name, new Date(e.start).toISOString(), Math.round((e.end - e.start) / HOUR), 'h', e.magnitude.toFixed(2));
    }
  }
}
console.log(JSON.stringify({ streams, drifts, found, fp, fpPerBrandDay: +(fp / brandDays).toFixed(4), delaysHours: delays.sort((a, b) => a - b) }));
