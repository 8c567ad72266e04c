import { escapeMarkdown } from 'discord.js';
import { stripControl } from '../../../shared/text.js';

/** Zero-width space: breaks `@everyone` and `<@&id>` so Discord neither pings nor renders them as mentions. */
const ZWSP = '\u200b';

/** Discord's documented limits for messages and embeds. */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  fields: 25,
  embeds: 10,
  totalEmbedChars: 6000,
  customId: 100,
  selectOptionLabel: 100,
  autocompleteChoices: 25,
  choiceName: 100,
} as const;

/** `@everyone`, `@here`, `<@id>`, `<@!id>`, `<@&id>`, `<#id>` lose their meaning; the text still reads the same. */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<(@[!&]?|#)(\d)/g, `<$1${ZWSP}$2`);
}

/**
 * Markdown escaped (including headings, lists, masked links) and mentions neutralised: for any text from feeds or users.
 * The input is cut to `max` first: escapeMarkdown's cost grows faster than linearly (20k characters took 2-3 s of
 * blocked event loop here), and nothing longer than the field limit is ever shown anyway.
 */
export function safeText(text: string, max: number = LIMITS.description): string {
  const escaped = escapeMarkdown(truncate(stripControl(text), max), { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  return neutraliseMentions(escaped);
}

/** Safe text for the label of a masked link `[label](url)`: brackets cannot close the link early. */
export function safeLinkLabel(text: string): string {
  return safeText(text.replace(/[\r\n]+/g, ' ')).replace(/\]/g, '\\]');
}

/** Cuts to at most `max` UTF-16 units, ending with an ellipsis and never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = text.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Only absolute http(s) URLs survive; `)` and spaces are encoded so a masked link cannot be broken out of. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const href = parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return href.length <= 2048 ? href : undefined;
}

/** `<t:unix:style>`: each reader sees the time in their own timezone. */
export function discordTime(iso: string, style: 'f' | 'F' | 'R' | 't' | 'd' = 'f'): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? `<t:${Math.floor(ms / 1000)}:${style}>` : iso;
}

export function signed(n: number, digits = 1): string {
  const s = n.toFixed(digits);
  return n > 0 ? `+${s}` : s;
}

export function percent(ratio: number, digits = 0): string {
  return `${(ratio * 100).toFixed(digits)}%`;
}
