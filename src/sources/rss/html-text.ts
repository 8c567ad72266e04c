import { decodeHTML } from 'entities';

/** Collapses every run of whitespace (incl. no-break spaces) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

const DROP_WITH_CONTENT = /<(script|style|noscript|template|iframe|object)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const UNCLOSED_DROP = /<(script|style)\b[\s\S]*$/i;
const COMMENT = /<!--[\s\S]*?(-->|$)/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const BLOCK = /<\/?(p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|pre|hr)\b[^>]*>/gi;
const TAG = /<\/?[a-zA-Z][^>]*>|<![^>]*>|<\?[^>]*>/g;

/** HTML (or plain text with entities) -> plain text: no tags, no script/style content, entities decoded, one line. */
export function htmlToText(html: string): string {
  const stripped = html
    .replace(CDATA, '$1')
    .replace(COMMENT, ' ')
    .replace(DROP_WITH_CONTENT, ' ')
    .replace(UNCLOSED_DROP, ' ')
    .replace(BLOCK, ' ')
    .replace(TAG, '');
  return collapseWhitespace(decodeHTML(stripped));
}

/**
 * Text of a value xml2js produced: a string, an element with attributes ({ _: text, $: attrs }), or nested markup
 * (Atom type="xhtml"), whose text leaves are joined. Attributes are ignored.
 */
export function textOf(value: unknown, depth = 0): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (depth > 20 || value === null || typeof value !== 'object') return '';
  if (Array.isArray(value)) return value.map((v) => textOf(v, depth + 1)).join(' ');
  const record = value as Record<string, unknown>;
  if (typeof record._ === 'string') return record._;
  return Object.entries(record)
    .filter(([key]) => key !== '$')
    .map(([, v]) => textOf(v, depth + 1))
    .join(' ');
}
