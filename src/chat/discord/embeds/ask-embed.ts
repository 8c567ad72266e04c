import type { APIEmbed } from 'discord.js';
import type { AskAnswer } from '../../api.js';
import { BRAND_COLOUR } from './colours.js';
import { fitEmbeds } from './fit.js';
import { LIMITS, safeLinkLabel, safeText, safeUrl, truncate } from './text.js';

/**
 * The answer to /ask: its sentences (every quote and name in them escaped, so a mention's text can neither ping nor
 * format), the quoted mentions as links, and how the question was read, so a wrong reading is seen at once.
 */
export function askEmbed(a: AskAnswer): APIEmbed {
  const sources = a.cites.slice(0, 8).map((c, i) => {
    const url = safeUrl(c.url);
    const label = safeLinkLabel(truncate(c.quote, 90));
    return `${i + 1}. ${url ? `[${label}](${url})` : label} · ${c.sentiment}`;
  });
  const e: APIEmbed = {
    title: truncate(`Q: ${safeText(a.question.replace(/[\r\n]+/g, ' '), 200)}`, LIMITS.title),
    description: a.lines.map((l) => safeText(l, 1000)).join('\n') || 'Nothing stored answers that yet.',
    color: BRAND_COLOUR,
    fields: sources.length ? [{ name: 'Quoted mentions', value: truncate(sources.join('\n'), LIMITS.fieldValue) }] : [],
    footer: { text: truncate(`Read as: ${a.readAs}. Figures from the stored mentions; rephrase if this is not what you asked.`, LIMITS.footer) },
  };
  return fitEmbeds([e])[0] ?? e;
}
