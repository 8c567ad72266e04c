import type { RawItem } from '../domain/types.js';

/** The most a classifier is sent for one item. */
export const MAX_CLASSIFICATION_CHARS = 2000;

/** A title cut short by its publisher: "…" or "..." at the end. */
const TRAILING_ELLIPSIS = /\s*(?:…|\.{3,})\s*$/u;

/** Letters and digits only, lower-cased, words joined by one space: what two renderings of the same words share. */
function comparable(s: string): string {
  return (s.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/** A head this long that stops mid-word was cut by length, not a different word ("Bad" is not the start of "Badminton"). */
const MIN_CUT_CHARS = 24;

/**
 * Whether `head` is the start of `body` once case, white space and punctuation are ignored, also when it was cut short:
 * with "…" (mid-word too), or mid-word when it is long enough to be a length cut. Social feeds and replays repeat
 * the opening of a post as its title.
 */
export function isNearPrefix(head: string, body: string): boolean {
  const cut = TRAILING_ELLIPSIS.test(head);
  const h = comparable(head.replace(TRAILING_ELLIPSIS, ''));
  // only the body's opening can match (bounded work on a long article)
  const b = comparable(body.slice(0, head.length * 4 + 100));
  if (h === '' || !b.startsWith(h)) return false;
  return b.length === h.length || b[h.length] === ' ' || cut || h.length >= MIN_CUT_CHARS;
}

/**
 * The text a classifier sees: title and body, each piece once, bounded. When one of them is the start of the other
 * (a title that repeats the opening of the text, or a text that only repeats the title), only the longer is sent:
 * title + ". " + text would weigh the opening twice. A reply (parentKey set) is scored on its own words: its title
 * only names the thread ("Comment on: <post title>") and would lend it the post's sentiment.
 */
export function classificationText(item: Pick<RawItem, 'title' | 'text' | 'parentKey'>): string {
  const { title, text } = item;
  let t: string;
  if (text.trim() === '') t = title;
  else if (item.parentKey !== undefined || title.trim() === '' || isNearPrefix(title, text)) t = text;
  else if (isNearPrefix(text, title)) t = title;
  else t = `${title}. ${text}`;
  return t.slice(0, MAX_CLASSIFICATION_CHARS);
}
