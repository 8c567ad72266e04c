import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Alert } from '../../../domain/types.js';
import { SEVERITY_COLOUR } from './colours.js';
import { fitEmbeds } from './fit.js';
import { mentionLines } from './mention-lines.js';
import { localTime } from '../../../delivery/plain-words.js';
import { safeText, signed } from './text.js';

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
    // in the team's zone (settings.timezone), like the console and the digest: one clock for everyone who discusses it
    { name: 'Window', value: `${localTime(ex.window.start, ex.zone, alert.createdAt)} → ${localTime(ex.window.end, ex.zone, alert.createdAt)} (${ex.zone ?? 'UTC'})`, inline: true },
  ];
  // the figures in words are in the description; the fields repeat only what a reader scans for
  if (ex.observed !== undefined && ex.baseline !== undefined && ex.threshold !== undefined && alert.rule.endsWith('spike')) {
    fields.push({ name: 'Now · usually · alert level', value: `${figure(ex.observed)} · ${figure(ex.baseline)} · ${figure(ex.threshold)}`, inline: true });
  }
  if (alert.ori) {
    fields.push({ name: 'ORI', value: `${alert.ori.value.toFixed(1)} (${signed(alert.ori.change)})`, inline: true });
  }
  if (alert.mentions.length > 0) {
    fields.push({ name: `Top mentions (${Math.min(5, alert.mentions.length)} of ${alert.mentions.length})`, value: mentionLines(alert.mentions, 5) });
  }
  const embed: APIEmbed = {
    title: `${SEVERITY_ICON[alert.severity]} ${safeText(alert.brand, 100)}: ${safeText(alert.title, 256)}`,
    // the summary quotes mention text: escaped like every other untrusted text
    description: safeText([ex.summary, ...(ex.why ? [ex.why] : []), ...(alert.summary ? ['', alert.summary, ...(alert.summaryBy ? [`(worded by ${alert.summaryBy} from the bot's figures)`] : [])] : [])].join('\n')),
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

const UPDATE_ICON = { update: '🔄', reopened: '↩️', resolved: '✅' } as const;

/** An incident update, as a reply in the incident's thread: what changed and why, then the current figures. Pure. */
export function updateEmbed(alert: Alert): APIEmbed {
  const kind = alert.update?.kind ?? 'update';
  const base = alertEmbed(alert);
  const embed = { ...base, title: `${UPDATE_ICON[kind]} ${safeText(alert.brand, 100)}: ${safeText(alert.title, 256)}`, color: kind === 'resolved' ? 0x2e7d32 : base.color };
  return fitEmbeds([embed])[0] ?? embed;
}
