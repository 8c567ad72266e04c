/**
 * `npm run bench -- alerts`: alert quality on generated multi-brand streams (bench/alerts/stream.ts), run through the
 * real replay (in memory, JSON console sink). Reports incident recall and precision against the labelled events,
 * detection delay, top-level messages per incident and messages per brand per day; quiet streams give the
 * false-alarm rate. Seeds are fixed: same code, same figures.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import pino from 'pino';
import { runReplay } from '../../src/app/replay.js';
import { generateStream, type LabelledEvent, type Stream } from './stream.js';
import { INDUSTRIES } from './vocab.js';

interface Line {
  kind: 'alert' | 'update' | 'summary';
  outboxId?: string;
  updates?: string;
  alert?: { id: string; rule: string; brand: string; severity: string; createdAt: string; incidentId?: string; update?: { kind: string }; title: string };
}

const HOUR = 3_600_000;
const OFFSET = -5;

export async function replayStream(st: Stream): Promise<Line[]> {
  const dir = mkdtempSync(join(tmpdir(), 'alert-bench-'));
  const configDir = join(dir, 'config');
  mkdirSync(configDir);
  const brands = st.spec.industry.brands.map((b) => ({ name: b.name, aliases: [`@${b.handle}`], reddit: false }));
  writeFileSync(join(configDir, 'brands.yaml'), stringify({ brands }));
  writeFileSync(join(configDir, 'sources.yaml'), stringify({ feeds: [], reddit: { enabled: false, rssFallback: false } }));
  // ALERT_SPIKE='{"pValue":1e-4}' tries other spike settings against the same streams (tuning runs; the table uses defaults)
  const spike = process.env.ALERT_SPIKE ? (JSON.parse(process.env.ALERT_SPIKE) as Record<string, number>) : undefined;
  writeFileSync(join(configDir, 'settings.yaml'), stringify({ timezone: 'Etc/GMT+5', demo: { enabled: false }, ...(spike ? { alerts: { spike } } : {}) }));
  const file = join(dir, 'stream.jsonl');
  writeFileSync(file, st.items.map((i) => JSON.stringify({ title: '', text: i.text, publishedAt: i.publishedAt, link: i.link, author: i.author })).join('\n'));
  const lines: Line[] = [];
  let buf = '';
  try {
    await runReplay({
      configDir,
      dataDir: join(dir, 'data'),
      env: process.env,
      logger: pino({ level: 'silent' }),
      file,
      stepMinutes: 15,
      json: true,
      inMemory: true,
      write: (s) => {
        buf += s;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const l = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (l.trim().startsWith('{')) lines.push(JSON.parse(l) as Line);
        }
      },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

/** An event is found by the first message about its brand from its start to an hour after its end. */
function matches(e: LabelledEvent, at: number): boolean {
  return at >= e.start - 15 * 60_000 && at <= e.end + HOUR;
}

export async function benchAlerts(streams: number): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  let tp = 0;
  let fp = 0;
  let events = 0;
  let found = 0;
  let topLevel = 0;
  let allMessages = 0;
  let brandDays = 0;
  let quietFp = 0;
  let quietBrandDays = 0;
  const delays: number[] = [];
  const perIncident: number[] = [];
  const byKind: Record<string, [number, number]> = {};
  for (let s = 0; s < streams; s++) {
    const industry = INDUSTRIES[s % 2]!;
    const quiet = s % 3 === 2;
    const st = generateStream({ seed: 2000 + s, industry, days: Number(process.env.DAYS ?? 14), dailyVolumes: [30, 80, 200, 450, 900, 1600], utcOffsetHours: OFFSET, events: !quiet });
    const lines = await replayStream(st);
    const msgs = lines.filter((l) => l.kind !== 'summary' && l.alert);
    const tops = msgs.filter((l) => l.kind === 'alert');
    const days = (st.end - st.start) / (24 * HOUR);
    brandDays += industry.brands.length * days;
    topLevel += tops.length;
    allMessages += msgs.length;
    if (quiet) quietBrandDays += industry.brands.length * days;
    // each top-level message (or reopening) is an incident claim: true when it overlaps an event of its brand
    for (const m of msgs.filter((l) => l.kind === 'alert' || l.alert?.update?.kind === 'reopened')) {
      const at = Date.parse(m.alert!.createdAt);
      const ev = st.events.find((e) => e.brand === m.alert!.brand && at >= e.start - 30 * 60_000 && at <= e.end + 3 * HOUR);
      if (ev) tp++;
      else if (process.env.DIAG) process.stderr.write(`FP ${m.alert!.brand} ${m.alert!.rule} ${m.alert!.createdAt} ${m.alert!.title.slice(0, 100)}\n`);
      if (ev) {
        /* counted */
      } else {
        fp++;
        if (quiet) quietFp++;
      }
    }
    for (const e of st.events) {
      events++;
      const k = (byKind[e.kind] ??= [0, 0]);
      k[0]++;
      const first = msgs.find((l) => l.alert!.brand === e.brand && matches(e, Date.parse(l.alert!.createdAt)) && (e.kind !== 'crisis' || l.alert!.rule === 'crisis-keyword' || /crisis keyword/.test(l.alert!.title + JSON.stringify(l.alert))));
      if (!first) {
        if (process.env.DIAG) process.stderr.write(`MISS ${e.brand} ${e.kind} ${new Date(e.start).toISOString()} ${Math.round((e.end - e.start) / 60_000)} min magnitude ${e.magnitude.toFixed(2)}\n`);
        continue;
      }
      found++;
      k[1]++;
      delays.push(Math.round((Date.parse(first.alert!.createdAt) - e.start) / 60_000));
      perIncident.push(tops.filter((l) => l.alert!.brand === e.brand && matches(e, Date.parse(l.alert!.createdAt))).length);
    }
    const row = { stream: s, industry: industry.name, quiet, events: st.events.length, topLevel: tops.length, updates: msgs.length - tops.length };
    rows.push(row);
    process.stderr.write(`alerts bench: ${JSON.stringify(row)}\n`);
  }
  delays.sort((a, b) => a - b);
  const median = delays.length ? delays[Math.floor(delays.length / 2)] : undefined;
  const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const summary = {
    streams,
    events,
    recall: +(found / Math.max(1, events)).toFixed(3),
    precision: +(tp / Math.max(1, tp + fp)).toFixed(3),
    medianDelayMin: median,
    topLevelPerIncident: +mean(perIncident).toFixed(2),
    topLevelPerBrandDay: +(topLevel / brandDays).toFixed(3),
    messagesPerBrandDay: +(allMessages / brandDays).toFixed(3),
    quietFalseIncidentsPerBrandDay: +(quietFp / Math.max(1, quietBrandDays)).toFixed(4),
    recallByKind: Object.entries(byKind).map(([k, [n, f]]) => `${k} ${f}/${n}`).join(', '),
  };
  return [...(process.env.VERBOSE ? rows : []), summary];
}
