import { calibration } from './status-embed.js';
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Digest } from '../../../domain/types.js';
import { BRAND_COLOUR } from './colours.js';
import { fitEmbeds } from './fit.js';
import { mentionLines } from './mention-lines.js';
import { percent, safeText, signed, truncate } from './text.js';
import { validIso } from './alert-embed.js';
import { localTime } from '../../../delivery/plain-words.js';

/** File name of the chart attached to a digest message (ASCII only, so `attachment://` always resolves). */
export function digestChartName(d: Digest): string {
  const slug = d.brand.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'brand';
  return `digest-${slug}-${d.date.replace(/[^0-9-]/g, '')}.png`;
}

/** A digest footer ends with this and its outbox id: a crash before it was marked sent is reconciled by it. */
export const DIGEST_FOOTER_MARK = ' · Digest ';

function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? 'no change' : 'new';
  return `${signed(((now - before) / before) * 100, 0)}%`;
}

/** Daily digest: volume, sentiment, ORI, top mentions both ways, trending terms, share of voice, alert figures. Pure. */
export function digestEmbed(d: Digest, chartFile?: string, outboxId?: string): APIEmbed {
  const total = d.sentiment.positive + d.sentiment.neutral + d.sentiment.negative;
  const split = total > 0
    ? `🟢 ${percent(d.sentiment.positive / total)} · ⚪ ${percent(d.sentiment.neutral / total)} · 🔴 ${percent(d.sentiment.negative / total)}`
    : 'no mentions';
  const net = d.netSentiment === null ? 'n/a' : signed(d.netSentiment, 2);
  const fields: APIEmbedField[] = [
    { name: 'Mentions', value: `${d.volume} (${change(d.volume, d.previousVolume)} vs previous day)`, inline: true },
    { name: 'ORI', value: `${d.ori.toFixed(1)} (${signed(d.ori - d.previousOri)})`, inline: true },
    { name: 'Net sentiment', value: net, inline: true },
    { name: 'Sentiment', value: split },
    { name: 'Top positive', value: mentionLines(d.topPositive, 3) },
    { name: 'Top negative', value: mentionLines(d.topNegative, 3) },
  ];
  if (d.events?.length) fields.push({ name: 'Events', value: truncate(d.events.map((e) => `★ ${safeText(e.name, 100)}`).join(' · '), 1024) + ' (before/after: /impact)', inline: true });
  if (d.forecast) fields.push({ name: `Forecast for ${d.forecast.date}`, value: `about ${Math.round(d.forecast.expected)} mentions (80 %: ${d.forecast.lower}–${d.forecast.upper})`, inline: true });
  // quotes mention text: escaped like every other untrusted text
  if (d.summary) fields.push({ name: d.summaryBy ? `What people are saying (worded by ${safeText(d.summaryBy, 80)})` : 'What people are saying', value: truncate(safeText(d.summary), 1024) });
  if (d.trending.length > 0) {
    fields.push({ name: 'Trending', value: truncate(d.trending.slice(0, 8).map((t) => `\`${t.term.replace(/`/g, "'")}\` ×${t.count}`).join(' · '), 1024) });
  }
  if (d.shareOfVoice.length > 1) {
    fields.push({ name: 'Share of voice', value: d.shareOfVoice.slice(0, 8).map((s) => `${safeText(s.brand)} ${percent(s.share)} (${s.count})`).join('\n'), inline: true });
  }
  const reaction = d.timeToReactMinutes === undefined ? '' : `\nmedian time to react: ${Math.round(d.timeToReactMinutes)} min`;
  fields.push({ name: 'Alerts', value: `${d.alerts}${reaction}`, inline: true });
  const agreement = (d.feedbackAgreement ?? []).filter((a) => a.total > 0);
  if (agreement.length > 0) {
    fields.push({ name: 'Classifier vs humans', value: agreement.map((a) => `${safeText(a.classifier)}: ${percent(a.agreed / a.total)} of ${a.total}${calibration(a)}`).join('\n'), inline: true });
  }
  const embed: APIEmbed = {
    title: `📊 Daily digest · ${safeText(d.brand)} · ${d.date}`,
    color: BRAND_COLOUR,
    fields,
    footer: { text: `${localTime(d.period.start, d.timezone)} → ${localTime(d.period.end, d.timezone)} (${d.timezone})${outboxId ? `${DIGEST_FOOTER_MARK}${outboxId}` : ''}` },
    timestamp: validIso(d.period.end),
  };
  if (chartFile) embed.image = { url: `attachment://${chartFile}` };
  return fitEmbeds([embed])[0] ?? embed;
}
