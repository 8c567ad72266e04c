import type { RawItem } from '../../domain/types.js';
import { FeedParseError, parseFailureReason, readableError } from './feed-errors.js';
import { collapseWhitespace, htmlToText, textOf } from './html-text.js';
import { authorFromLink } from './link-author.js';
import { parseWithRepairs } from './recover.js';
import { SKIPPED, createSafeParser } from './safe-parser.js';
import type { ParsedItem } from './safe-parser.js';

export type FeedItem = Omit<RawItem, 'sourceId' | 'sourceKind'>;
export interface ParsedFeed {
  items: FeedItem[];
  warnings: string[];
}
export const DEFAULT_MAX_ITEMS = 1000;

/** An absolute http(s) URL, or undefined (relative links resolved against base; javascript:, data:... dropped). */
export function absoluteHttpUrl(raw: string, base: string): URL | undefined {
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

const GOOGLE_HOST = /^(www\.)?google\.[a-z]{2,3}(\.[a-z]{2})?$/i;

/**
 * The target of a Google redirect link (https://www.google.com/url?...&url=<target>, as Google Alerts feeds wrap every
 * entry), else the link itself. Unwrapped so that the mention's link, site and identity are the article's: the same
 * article from an alert and from the publisher's own feed is then stored once.
 */
export function unwrapRedirect(url: URL): URL {
  if (!GOOGLE_HOST.test(url.hostname) || url.pathname !== '/url') return url;
  const target = url.searchParams.get('url') ?? url.searchParams.get('q');
  return (target && absoluteHttpUrl(target, url.href)) || url;
}

function isoDate(item: ParsedItem): string | undefined {
  for (const candidate of [item.isoDate, item.pubDate, item.date]) {
    const text = textOf(candidate).trim();
    if (text === '') continue;
    const time = new Date(text).getTime();
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  return undefined;
}

function firstText(item: ParsedItem, keys: readonly string[]): string {
  for (const key of keys) {
    const text = htmlToText(textOf(item[key]));
    if (text !== '') return text;
  }
  return '';
}

const TEXT_KEYS = ['content:encoded', 'content', 'summary', 'contentSnippet'] as const;

/** <media:group><media:description> (YouTube channel feeds carry a video's description only there). */
function mediaDescription(item: ParsedItem): string {
  const group: unknown = item['media:group'];
  if (group === null || typeof group !== 'object' || Array.isArray(group)) return '';
  return htmlToText(textOf((group as Record<string, unknown>)['media:description']));
}

function toFeedItem(item: ParsedItem, baseUrl: string, warn: (m: string) => void): FeedItem | undefined {
  const guid = collapseWhitespace(textOf(item.guid ?? item.id)) || undefined;
  const title = htmlToText(textOf(item.title));
  const text = firstText(item, TEXT_KEYS) || mediaDescription(item);
  const rawLink = textOf(item.link) || (guid && /^https?:\/\//i.test(guid) ? guid : '');
  const parsedLink = absoluteHttpUrl(rawLink, baseUrl);
  const link = parsedLink && unwrapRedirect(parsedLink);
  if (rawLink.trim() !== '' && !link) warn(`item ${guid ?? title.slice(0, 60)}: unusable link "${rawLink.slice(0, 80)}" dropped`);
  if (!title && !text && !link) {
    warn(`item ${guid ?? '?'} skipped: no title, text or link`);
    return undefined;
  }
  const publishedAt = isoDate(item);
  const hadDate = [item.pubDate, item.date, item.isoDate].some((d) => textOf(d).trim() !== '');
  if (!publishedAt && hadDate) warn(`item ${guid ?? title.slice(0, 60)}: invalid date ignored`);
  const author = collapseWhitespace(textOf(item.creator ?? item.author ?? item['dc:creator'])) || (link && authorFromLink(link)) || undefined;
  return {
    title,
    text,
    ...(guid ? { guid } : {}),
    ...(link ? { link: link.href, site: link.hostname } : {}),
    ...(author ? { author } : {}),
    ...(publishedAt ? { publishedAt } : {}),
  };
}

/**
 * Parses RSS 0.9x/1.0/2.0, Atom or CDF text into raw items. A bad item is repaired or skipped (with a warning), never
 * the whole feed. A document a strict XML parse refuses is retried once per kind of damage it can honestly be read
 * past (HTML entities and bare "&", truncation, junk before the first tag: recover.ts), with a warning. Rejects with
 * FeedParseError when the document is still unreadable.
 */
export async function parseFeed(xml: string, baseUrl: string, maxItems = DEFAULT_MAX_ITEMS): Promise<ParsedFeed> {
  const warnings: string[] = [];
  const warn = (m: string): void => void warnings.push(m);
  let parsed: { items: unknown[] };
  try {
    parsed = await parseWithRepairs(xml, (text, attemptWarn) => createSafeParser(attemptWarn).parseString(text), warn);
  } catch (err) {
    throw new FeedParseError(parseFailureReason(err), baseUrl, { cause: err });
  }
  const raw = (Array.isArray(parsed.items) ? parsed.items : []) as ParsedItem[];
  const kept = raw.filter((item) => item !== null && typeof item === 'object' && !(SKIPPED in item));
  if (kept.length > maxItems) warn(`feed has ${kept.length} items; only the first ${maxItems} were kept`);
  const items: FeedItem[] = [];
  for (const item of kept.slice(0, maxItems)) {
    let built: FeedItem | undefined;
    try {
      built = toFeedItem(item, baseUrl, warn);
    } catch (err) {
      warn(`item skipped: ${readableError(err)}`);
    }
    if (built) items.push(built);
  }
  return { items, warnings };
}
