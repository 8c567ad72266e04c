import type { APIEmbed } from 'discord.js';
import type { FeedInfo, StatusReport, WatchInput } from '../../api.js';
import { BRAND_COLOUR } from './colours.js';
import { fitEmbeds } from './fit.js';
import { localTime } from '../../../delivery/plain-words.js';
import { discordTime, percent, safeText, truncate } from './text.js';

const fit = (e: APIEmbed): APIEmbed => fitEmbeds([e])[0] ?? e;

export function statusEmbed(s: StatusReport, failing: readonly { channel: string; error: string }[]): APIEmbed {
  const sources = s.sources.map((src) => {
    const icon = src.disabled ? '⛔' : src.consecutiveFailures > 0 ? '⚠️' : '✅';
    const last = src.lastSuccessAt ? `ok ${discordTime(src.lastSuccessAt, 'R')}` : 'never ok';
    const err = src.lastError && src.consecutiveFailures > 0 ? ` · ${truncate(safeText(src.lastError, 80), 80)}` : '';
    return `${icon} ${safeText(src.describe, 120)} (${src.kind}) · ${last}${err}`;
  });
  const channels = new Map<string, string>();
  for (const f of [...s.failingChannels, ...failing]) channels.set(f.channel, f.error);
  const agreement = s.feedbackAgreement.filter((a) => a.total > 0).map((a) => `${safeText(a.classifier)}: ${percent(a.agreed / a.total)} of ${a.total}${calibration(a)}`);
  const dead = s.outboxDead > 0 ? `⚠️ **${s.outboxDead}** refused for good: check the logs` : '0';
  return fit({
    title: 'Bot status',
    color: channels.size > 0 || s.outboxDead > 0 || s.sources.some((x) => x.disabled) ? 0xe67e22 : 0x2ecc71,
    fields: [
      { name: 'Up since', value: `${localTime(s.startedAt, s.timezone)} (${s.timezone}), ${discordTime(s.startedAt, 'R')}`, inline: true },
      { name: 'Outbox pending', value: String(s.outboxPending), inline: true },
      { name: 'Outbox dead', value: dead, inline: true },
      { name: 'Classifier', value: `${safeText(s.classifier.name)} (${safeText(s.classifier.state)})`, inline: true },
      ...(s.gateway ? [{ name: 'Gateway', value: gatewayLine(s.gateway), inline: true }] : []),
      { name: `Sources (${s.sources.length})`, value: truncate(sources.join('\n') || 'none', 1024) },
      { name: 'Failing channels', value: [...channels].map(([c, e]) => `<#${c}>: ${truncate(safeText(e, 120), 120)}`).join('\n') || 'none' },
      { name: 'Classifier vs humans', value: agreement.join('\n') || 'no corrections yet' },
      ...(s.reddit && s.reddit.length > 0 ? [{ name: 'Reddit freshness', value: truncate(redditLines(s.reddit, s.timezone).join('\n'), 1024) }] : []),
    ],
  });
}

const GATEWAY_ICON = { connecting: '⏳', ready: '✅', reconnecting: '⚠️', down: '⛔', stopped: '⏹️' } as const;

/**
 * "mean confidence 92 %: more sure than right by 12 points" — a calibrated model's confidence matches how often it is
 * right; shown from 10 corrections that recorded a confidence (fewer say little).
 */
export function calibration(a: StatusReport['feedbackAgreement'][number]): string {
  if (a.meanConfidence === undefined || a.total < 10) return '';
  const gap = Math.round((a.meanConfidence - a.agreed / a.total) * 100);
  const verdict = Math.abs(gap) <= 5 ? 'calibrated' : gap > 0 ? `more sure than right by ${gap} points` : `right more often than it says, by ${-gap} points`;
  return ` (mean confidence ${percent(a.meanConfidence)}: ${verdict})`;
}

function gatewayLine(g: NonNullable<StatusReport['gateway']>): string {
  const tries = g.state === 'reconnecting' ? ` · ${g.attempts} attempt${g.attempts === 1 ? '' : 's'}` : '';
  return `${GATEWAY_ICON[g.state]} ${g.state} ${discordTime(g.since, 'R')}${tries}`;
}

function redditLines(rows: NonNullable<StatusReport['reddit']>, zone: string): string[] {
  return rows.map((r) => {
    const lag = r.lagSeconds === undefined ? 'not polled yet' : `${Math.round(r.lagSeconds)} s behind`;
    const paused = r.budgetPausedUntil ? ` · rate-limited until ${localTime(r.budgetPausedUntil, zone)}` : '';
    return `• ${safeText(r.target, 100)} · ${lag}${paused}${r.budgetQueued > 0 ? ` · ${r.budgetQueued} queued` : ''}`;
  });
}

export function watchListEmbed(brands: readonly WatchInput[]): APIEmbed {
  return fit({
    title: `Watched brands (${brands.length})`,
    color: BRAND_COLOUR,
    description: brands
      .map((b) => {
        const extra = [b.aliases?.length ? `aka ${b.aliases.map(safeText).join(', ')}` : '', b.query ? `query \`${b.query.replace(/`/g, "'")}\`` : '', b.competitors?.length ? `vs ${b.competitors.map(safeText).join(', ')}` : '']
          .filter(Boolean)
          .join(' · ');
        return `• **${safeText(b.name)}**${extra ? ` — ${extra}` : ''}`;
      })
      .join('\n') || 'No brands watched yet: `/watch add`.',
  });
}

export function feedListEmbed(feeds: readonly FeedInfo[]): APIEmbed {
  return fit({
    title: `Feeds (${feeds.length})`,
    color: BRAND_COLOUR,
    description: feeds.map((f) => `• \`${f.id}\` ${safeText(f.url)} · every ${Math.round(f.intervalSeconds / 60)} min`).join('\n') || 'No feeds yet: `/feeds add`.',
  });
}
