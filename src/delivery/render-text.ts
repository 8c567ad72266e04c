import type { Alert, Digest, MentionRef } from '../domain/types.js';
import { localTime } from './plain-words.js';

/** Plain-text renderings for the console sink and the CLI. Readable without knowing the bot. */

const SEVERITY_MARK = { info: '[info]', warning: '[WARNING]', critical: '[CRITICAL]' } as const;

const num = (x: number, d = 1): string => (Number.isInteger(x) ? String(x) : x.toFixed(d));
const signed = (x: number, d = 1): string => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${num(Math.abs(x), d)}`;
const pct = (x: number): string => `${Math.round(x * 100)}%`;

export function renderMentionLine(m: MentionRef, zone = 'UTC'): string {
  const where = m.site ? ` — ${m.site}` : '';
  const link = m.url ? `\n      ${m.url}` : '';
  const scope = m.scope === 'clauses' ? ' (scored on its own clauses)' : '';
  const similar = m.similar ? ` (+${m.similar} more with the same title)` : '';
  return `  - [${m.sentiment} ${pct(m.confidence)}${scope}, engagement ${m.engagement}] ${m.title}${where} (${localTime(m.publishedAt, zone)})${similar}${link}`;
}

export function renderAlertText(a: Alert): string {
  const e = a.explanation;
  const zone = e.zone;
  const at = (iso: string): string => localTime(iso, zone, a.createdAt);
  const lines = [`${SEVERITY_MARK[a.severity]} ${a.title}`, `Brand: ${a.brand} · rule: ${a.rule} · ${at(a.createdAt)}${zone ? ` (${zone})` : ''}`, '', e.summary];
  if (e.why) lines.push(e.why);
  if (a.summary) lines.push('', a.summary, ...(a.summaryBy ? [`(worded by ${a.summaryBy} from the bot's figures)`] : []));
  lines.push('', `Window: ${at(e.window.start)} → ${at(e.window.end)}`);
  if (a.ori) lines.push(`Reputation index: ${a.ori.value.toFixed(0)} (${signed(a.ori.change, 0)} ${a.update ? 'since the incident opened' : 'over the comparison window'})`);
  if (a.mentions.length > 0) lines.push('', 'Top mentions:', ...a.mentions.map((m) => renderMentionLine(m, zone ?? 'UTC')));
  lines.push('', `${a.incidentId ? 'Incident' : 'Alert'} id: ${a.incidentId ?? a.id} (details: /explain)`);
  return lines.join('\n');
}

/** An incident update on the console: indented under the incident it belongs to. */
export function renderUpdateText(a: Alert): string {
  const kind = a.update?.kind ?? 'update';
  const head = `  ↳ ${kind === 'resolved' ? 'resolved' : kind === 'reopened' ? 'reopened' : 'update'} ${a.incidentId ?? ''} · ${localTime(a.createdAt, a.explanation.zone)} · ${a.severity}`;
  const body = [a.title, a.explanation.summary, ...(a.explanation.why ? [`Why: ${a.explanation.why}`] : []), ...(a.summary ? [a.summary] : []), ...a.mentions.slice(0, 3).map((m) => renderMentionLine(m, a.explanation.zone ?? 'UTC'))];
  return [head, ...body.map((l) => `    ${l.trimStart()}`)].join('\n');
}

function bar(share: number, width = 20): string {
  const n = Math.round(Math.max(0, Math.min(1, share)) * width);
  return '#'.repeat(n) + '.'.repeat(width - n);
}

export function renderDigestText(d: Digest): string {
  const volChange = d.volume - d.previousVolume;
  const volPct = d.previousVolume > 0 ? ` (${signed((100 * volChange) / d.previousVolume, 0)}%)` : '';
  const total = d.sentiment.positive + d.sentiment.neutral + d.sentiment.negative;
  const share = (n: number): string => (total > 0 ? pct(n / total) : '—');
  const lines = [
    `Daily digest for ${d.brand} — ${d.date} (${d.timezone})`,
    `Period: ${localTime(d.period.start, d.timezone)} → ${localTime(d.period.end, d.timezone)}`,
    '',
    `Mentions: ${d.volume} (previous day ${d.previousVolume}, ${signed(volChange, 0)}${volPct})`,
    `Sentiment: ${d.sentiment.positive} positive (${share(d.sentiment.positive)}), ${d.sentiment.neutral} neutral (${share(d.sentiment.neutral)}), ${d.sentiment.negative} negative (${share(d.sentiment.negative)})`,
    `Net sentiment (pos − neg) / (pos + neg): ${d.netSentiment === null ? 'n/a (no positive or negative mentions)' : signed(d.netSentiment, 2)}`,
    `Reputation index (0–100, 50 = neutral): ${num(d.ori)} (${signed(d.ori - d.previousOri)} vs previous day)`,
    ...(d.events?.length ? [`Events on these days: ${d.events.map((e) => e.name).join(', ')} (before/after: impact <event>)`] : []),
    ...(d.forecast ? [`Forecast for ${d.forecast.date}: about ${Math.round(d.forecast.expected)} mentions (80 % interval ${d.forecast.lower}–${d.forecast.upper})`] : []),
    `Alerts raised: ${d.alerts}` + (d.timeToReactMinutes !== undefined ? ` · median time to acknowledge: ${num(d.timeToReactMinutes, 0)} min` : ''),
  ];
  const section = (title: string, body: string[]): void => {
    if (body.length > 0) lines.push('', title, ...body);
  };
  section('What people are saying:', d.summary ? [`  ${d.summary}`, ...(d.summaryBy ? [`  (worded by ${d.summaryBy} from the bot's figures)`] : [])] : []);
  section('Most engaged positive mentions:', d.topPositive.map((m) => renderMentionLine(m, d.timezone)));
  section('Most engaged negative mentions:', d.topNegative.map((m) => renderMentionLine(m, d.timezone)));
  section('Trending terms (burst score vs the previous week):', d.trending.map((t) => `  - ${t.term}: ${t.count} (score ${num(t.score)})`));
  section(
    'Share of voice:',
    d.shareOfVoice.map((s) => `  ${s.brand.padEnd(16)} ${bar(s.share)} ${pct(s.share)} (${s.count})`),
  );
  section(
    'Last 7 days (date: volume, pos/neu/neg, index):',
    // a day without mentions has no index of its own (it would only show the neutral prior): a dash
    d.daily.map((x) => `  ${x.date}: ${String(x.volume).padStart(5)}  ${x.positive}/${x.neutral}/${x.negative}  ${x.volume > 0 ? num(x.ori) : '—'}`),
  );
  section(
    'Classifier agreement with human corrections:',
    (d.feedbackAgreement ?? []).map((f) => `  - ${f.classifier}: ${f.agreed}/${f.total} (${pct(f.total > 0 ? f.agreed / f.total : 0)})`),
  );
  return lines.join('\n');
}
