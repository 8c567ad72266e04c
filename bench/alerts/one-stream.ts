/** One generated bench stream through the real replay, its events and messages printed: `npx tsx bench/alerts/one-stream.ts <stream> [brand]` (the stream numbers and seeds of `npm run bench -- alerts`). */
import { replayStream } from './alert-bench.js';
import { generateStream } from './stream.js';
import { INDUSTRIES } from './vocab.js';
const s = Number(process.argv[2] ?? 0);
const brand = process.argv[3];
const st = generateStream({ seed: 2000 + s, industry: INDUSTRIES[s % 2]!, days: 14, dailyVolumes: [30, 80, 200, 450, 900, 1600], utcOffsetHours: -5, events: s % 3 !== 2 });
for (const e of st.events) if (!brand || e.brand === brand) console.log('EVENT', e.kind, e.brand, new Date(e.start).toISOString(), new Date(e.end).toISOString(), e.magnitude.toFixed(2));
const lines = await replayStream(st);
for (const l of lines) if (l.alert && (!brand || l.alert.brand === brand)) console.log(l.kind, l.alert.createdAt, l.alert.rule, l.alert.update?.kind ?? '', l.alert.title.slice(0, 120));
