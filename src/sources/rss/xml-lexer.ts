/**
 * Forward-only helpers for the repair passes over raw feed text. Every helper starts at a position and only moves
 * forward with indexOf or a single character loop, so a pass over a document is linear in its length whatever the
 * input (no backtracking regular expression ever sees the document).
 */

/** A construct whose content is not markup: comment, CDATA section, processing instruction, DOCTYPE. */
const SPECIAL: readonly (readonly [string, string])[] = [
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<?', '?>'],
];

/**
 * When `text[i]` opens a comment, CDATA section, processing instruction or declaration (<!DOCTYPE ...>), the index
 * just after its end, or -1 when it is never closed (the rest of the text is inside it). undefined for anything else
 * (an element tag, or a stray "<").
 */
export function skipSpecial(text: string, i: number): number | undefined {
  for (const [open, close] of SPECIAL) {
    if (text.startsWith(open, i)) {
      const end = text.indexOf(close, i + open.length);
      return end < 0 ? -1 : end + close.length;
    }
  }
  if (!text.startsWith('<!', i)) return undefined;
  // <!DOCTYPE name [ internal subset ]>: the subset may hold ">" characters of its own.
  const gt = text.indexOf('>', i + 2);
  // look for "[" only up to that ">": searching the whole rest of the text for each of many short "<!x>" would be
  // quadratic in the body size
  const bracket = gt < 0 || text.slice(i + 2, gt).includes('[') ? text.indexOf('[', i + 2) : -1;
  if (bracket < 0) return gt < 0 ? -1 : gt + 1;
  const closeBracket = text.indexOf(']', bracket + 1);
  const end = closeBracket < 0 ? -1 : text.indexOf('>', closeBracket + 1);
  return end < 0 ? -1 : end + 1;
}

/** Index of the ">" ending the tag that starts at `i` ("<" of a start or end tag), skipping quoted values; -1 if none. */
export function tagEnd(text: string, i: number): number {
  let quote = '';
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return j;
    }
  }
  return -1;
}

/** The name of the tag whose text (without "<", "</" and ">") is given: up to the first whitespace or "/". */
export function tagName(inner: string): string {
  let end = 0;
  while (end < inner.length && !/[\s/]/.test(inner[end] ?? ' ')) end++;
  return inner.slice(0, end);
}

/** The local part of a qualified name, lower-cased ("r:ITEM" -> "item"). */
export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1).toLowerCase();
}

/**
 * What the XML parser (sax) would spend on the "<!...>" declarations of the text that are neither comments, CDATA
 * sections nor the DOCTYPE: sax re-reads such a declaration from its start at every character, so each costs the
 * square of its length (a 5 MB run of "<!" blocks the event loop for hours). Quotes are followed as sax does.
 */
export function bareDeclarationCost(text: string): number {
  let cost = 0;
  let i = 0;
  for (;;) {
    const at = text.indexOf('<!', i);
    if (at < 0) return cost;
    if (text.startsWith('<!--', at) || text.startsWith('<![CDATA[', at) || /^<!DOCTYPE/i.test(text.slice(at, at + 9))) {
      const end = skipSpecial(text, at);
      if (end === undefined || end < 0) return cost;
      i = end;
      continue;
    }
    const end = tagEnd(text, at);
    const length = (end < 0 ? text.length : end) - at;
    cost += length * length;
    if (end < 0) return cost;
    i = end + 1;
  }
}
