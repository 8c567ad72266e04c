import type { APIEmbed } from 'discord.js';
import type { Alert, Mention, ReputationScore } from '../../../domain/types.js';
import type { CompareReport, TrendReport } from '../../api.js';
import { BRAND_COLOUR } from './colours.js';
import { fitEmbeds } from './fit.js';
import { mentionLine, mentionLines } from './mention-lines.js';
import { localTime } from '../../../delivery/plain-words.js';
import { discordTime, percent, safeText, signed } from './text.js';

const fit = (e: APIEmbed): APIEmbed => fitEmbeds([e])[0] ?? e;

function oriBar(value: number): string {
  const filled = Math.max(0, Math.min(10, Math.round(value / 10)));
  return `${'█'.repeat(filled)}${'░'.repeat(10 - filled)}`;
}

export function reputationEmbed(r: ReputationScore & { change: number }, windowHours: number): APIEmbed {
  const e = r.effective;
  return fit({
    title: `Reputation · ${safeText(r.brand)}`,
    description: `**ORI ${r.value.toFixed(1)}** / 100 (${signed(r.change)} over ${windowHours} h)\n\`${oriBar(r.value)}\``,
    color: BRAND_COLOUR,
    fields: [
      { name: 'Sentiment', value: `${r.components.sentiment.toFixed(1)} × ${r.weights.sentiment}`, inline: true },
      { name: 'Engagement', value: `${r.components.engagement.toFixed(1)} × ${r.weights.engagement}`, inline: true },
      { name: 'Volume', value: `${r.components.volume.toFixed(1)} × ${r.weights.volume}`, inline: true },
      { name: 'Mentions (decayed)', value: `🟢 ${e.positive.toFixed(1)} · ⚪ ${e.neutral.toFixed(1)} · 🔴 ${e.negative.toFixed(1)} (baseline ${r.baselineVolume.toFixed(1)})` },
      { name: 'Top contributors', value: mentionLines(r.topContributors, 5) },
    ],
    timestamp: new Date(Date.parse(r.at) || 0).toISOString(),
  });
}

export function explainEmbed(a: Alert): APIEmbed {
  const lines = Object.entries(a.explanation.details).map(([k, v]) => `• ${safeText(k)}: ${typeof v === 'number' ? String(v) : safeText(v)}`);
  return fit({
    title: `Why alert ${a.id} fired`,
    description: [safeText(a.explanation.summary), '', ...lines].join('\n'),
    color: BRAND_COLOUR,
  });
}

export function mentionsPageEmbed(brand: string, page: readonly Mention[], pageIndex: number, pageSize: number): APIEmbed {
  const lines = page.map((m, i) =>
    `${mentionLine({ key: m.key, title: m.title, url: m.url, sentiment: m.sentiment.label, confidence: m.sentiment.confidence, ...(m.sentiment.scope ? { scope: m.sentiment.scope } : {}), publishedAt: m.publishedAt, site: m.site, engagement: (m.reach.score ?? 0) + (m.reach.comments ?? 0) }, pageIndex * pageSize + i)} · ${discordTime(m.publishedAt, 'R')}`,
  );
  return fit({
    title: `Mentions · ${safeText(brand)}`,
    description: lines.length > 0 ? lines.join('\n') : 'No mentions match.',
    color: BRAND_COLOUR,
    footer: { text: `Page ${pageIndex + 1}` },
  });
}

export function trendsEmbed(reports: readonly TrendReport[], windowHours: number): APIEmbed {
  const fields = reports.slice(0, 25).map((r) => ({
    name: safeText(r.brand),
    value: r.terms.length > 0 ? r.terms.slice(0, 8).map((t) => `\`${t.term.replace(/`/g, "'")}\` ${t.count} (base ${t.baseline.toFixed(1)}, score ${t.score.toFixed(1)})`).join('\n') : 'nothing trending',
  }));
  return fit({ title: `Trending terms · last ${windowHours} h`, color: BRAND_COLOUR, fields, description: fields.length === 0 ? 'No brands.' : undefined });
}

export function compareEmbed(c: CompareReport): APIEmbed {
  const rows = [...c.rows].sort((a, b) => b.share - a.share);
  return fit({
    title: `Share of voice · ${safeText(c.brand)} vs competitors`,
    description: rows
      .map((r) => `**${safeText(r.brand)}** ${percent(r.share)} · ${r.mentions} mentions · net ${r.netSentiment === null ? 'n/a' : signed(r.netSentiment, 2)}`)
      .join('\n') || 'No data.',
    color: BRAND_COLOUR,
    footer: { text: `${localTime(c.window.start, c.timezone)} → ${localTime(c.window.end, c.timezone)} (${c.timezone})` },
  });
}
