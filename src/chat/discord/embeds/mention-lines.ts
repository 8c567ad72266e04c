import type { MentionRef } from '../../../domain/types.js';
import { SENTIMENT_EMOJI } from './colours.js';
import { LIMITS, percent, safeLinkLabel, safeText, safeUrl, truncate } from './text.js';

/** One line per mention: emoji, linked (escaped) title, confidence, site and engagement. */
export function mentionLine(m: MentionRef, index?: number): string {
  const label = safeLinkLabel(truncate(m.title || '(untitled)', 120));
  const url = safeUrl(m.url);
  const link = url ? `[${label}](${url})` : label;
  const meta = [`${m.sentiment} ${percent(m.confidence)}${m.scope === 'clauses' ? ' (own clauses)' : ''}`, m.site ? safeText(m.site, 60) : undefined, m.engagement > 0 ? `${m.engagement} eng.` : undefined, m.similar ? `+${m.similar} alike` : undefined]
    .filter(Boolean)
    .join(' · ');
  const prefix = index === undefined ? '' : `${index + 1}. `;
  return `${SENTIMENT_EMOJI[m.sentiment]} ${prefix}${link} — ${meta}`;
}

/** Joins whole lines until the field value limit: a line is never cut in the middle of its link. */
export function mentionLines(mentions: readonly MentionRef[], max = 5, limit: number = LIMITS.fieldValue): string {
  const lines: string[] = [];
  let used = 0;
  for (const [i, m] of mentions.slice(0, max).entries()) {
    const line = mentionLine(m, i);
    if (used + line.length + 1 > limit) break;
    lines.push(line);
    used += line.length + 1;
  }
  return lines.length > 0 ? lines.join('\n') : '—';
}
