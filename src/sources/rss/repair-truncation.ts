import { localName, skipSpecial, tagEnd, tagName } from './xml-lexer.js';

/**
 * Repair of a document that ends before its root element is closed (a truncated download, a generator that died):
 * the text is cut after the last tag that leaves no <item>/<entry> open (so after the last complete item, or after the
 * last complete channel-level element when no item is complete), and the elements still open there (channel, rss,
 * feed, rdf:RDF ...) are closed. An item cut in the middle is dropped whole: only complete items are kept.
 */

export interface TruncationRepair {
  text: string;
  /** complete items before the cut */
  items: number;
}

const ITEM_NAMES = new Set(['item', 'entry']);
const MAX_DEPTH = 512;

interface Scan {
  /** index just after the last tag that leaves no item open, -1 if none */
  cut: number;
  itemsAtCut: number;
  /** elements open at the end of the scanned text */
  open: string[];
}

/** Walks the tags of text[0, limit); undefined when the structure is not one this repair understands. */
function scanTags(text: string, limit: number): Scan | undefined {
  const open: string[] = [];
  let openItems = 0;
  let items = 0;
  let cut = -1;
  let itemsAtCut = 0;
  let i = 0;
  while (i < limit) {
    const lt = text.indexOf('<', i);
    if (lt < 0 || lt >= limit) break;
    const special = skipSpecial(text, lt);
    if (special !== undefined) {
      if (special < 0 || special > limit) break;
      i = special;
      continue;
    }
    const end = tagEnd(text, lt);
    if (end < 0 || end >= limit) break;
    const inner = text.slice(lt + 1, end);
    if (inner.startsWith('/')) {
      const name = tagName(inner.slice(1));
      if (open[open.length - 1] !== name) return undefined;
      open.pop();
      if (ITEM_NAMES.has(localName(name)) && --openItems === 0) items++;
    } else if (!inner.endsWith('/')) {
      const name = tagName(inner);
      if (name === '' || open.length >= MAX_DEPTH) return undefined;
      open.push(name);
      if (ITEM_NAMES.has(localName(name))) openItems++;
    }
    i = end + 1;
    if (openItems === 0 && open.length > 0) {
      cut = i;
      itemsAtCut = items;
    }
  }
  return { cut, itemsAtCut, open };
}

/** The document cut after its last complete item with its open elements closed, or undefined if it has no such point. */
export function repairTruncation(text: string): TruncationRepair | undefined {
  const whole = scanTags(text, text.length);
  if (whole === undefined || whole.cut < 0) return undefined;
  const atCut = scanTags(text, whole.cut);
  if (atCut === undefined || atCut.open.length === 0) return undefined;
  const closing = atCut.open.reverse().map((name) => `</${name}>`).join('');
  return { text: `${text.slice(0, whole.cut)}${closing}`, items: whole.itemsAtCut };
}
