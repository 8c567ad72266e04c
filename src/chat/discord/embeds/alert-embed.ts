import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Alert } from '../../../domain/types.js';
import { SEVERITY_COLOUR } from './colours.js';
import { fitEmbeds } from './fit.js';
import { mentionLines } from './mention-lines.js';
import { discordTime, safeText, signed, truncate } from './text.js';

/** The footer carries the full alert id: buttons whose custom id had to hash it recover it from here. */
export const ALERT_FOOTER_PREFIX = 'Alert ';

const SEVERITY_ICON = { info: 'ℹ️', warning: '⚠️', critical: '🚨' } as const;

function figure(n: number | undefined): string | undefined {
  if (n === undefined || !Number.isFinite(n)) return undefined;
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** What fired and why: rule, window, observed vs baseline vs threshold, ORI, top mentions. Pure. */
export function alertEmbed(alert: Alert): APIEmbed {
  const ex = alert.explanation;
  const fields: APIEmbedField[] = [
    { name: 'Rule', value: `\`${alert.rule}\` · ${alert.severity}`, inline: true },
    { name: 'Window', value: `${discordTime(ex.window.start)} → ${discordTime(ex.window.end, 't')}`, inline: true },
  ];
  const observed = figure(ex.observed);
  const baseline = figure(ex.baseline);
  if (observed !== undefined) {
    const ratio = ex.observed !== undefined && ex.baseline ? ` (×${(ex.observed / ex.baseline).toFixed(1)})` : '';
    fields.push({ name: 'Observed vs baseline', value: `${observed} vs ${baseline ?? 'n/a'}${ratio}`, inline: true });
  }
  const threshold = figure(ex.threshold);
  if (threshold !== undefined) fields.push({ name: 'Threshold', value: threshold, inline: true });
  if (alert.ori) {
    fields.push({ name: 'ORI', value: `${alert.ori.value.toFixed(1)} (${signed(alert.ori.change)})`, inline: true });
  }
  const details = Object.entries(ex.details).slice(0, 6);
  if (details.length > 0) {
    const text = details.map(([k, v]) => `${safeText(k, 100)}: ${typeof v === 'number' ? figure(v) : safeText(v, 300)}`).join('\n');
    fields.push({ name: 'Details', value: truncate(text, 1024), inline: false });
  }
  if (alert.mentions.length > 0) {
    fields.push({ name: `Top mentions (${Math.min(5, alert.mentions.length)} of ${alert.mentions.length})`, value: mentionLines(alert.mentions, 5) });
  }
  const embed: APIEmbed = {
    title: `${SEVERITY_ICON[alert.severity]} ${safeText(alert.brand, 100)}: ${safeText(alert.title, 256)}`,
    description: safeText(ex.summary),
    color: SEVERITY_COLOUR[alert.severity],
    fields,
    footer: { text: `${ALERT_FOOTER_PREFIX}${alert.id}` },
    timestamp: validIso(alert.createdAt),
  };
  return fitEmbeds([embed])[0] ?? embed;
}

export function validIso(iso: string): string | undefined {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}
