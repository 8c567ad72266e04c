import { decodeHTMLStrict } from 'entities';
import { skipSpecial } from './xml-lexer.js';

/**
 * Repair of entity references a strict XML parser refuses, for feeds written as if they were HTML:
 *  - HTML named entities (&nbsp; &eacute; &mdash; ...), undefined in XML, become numeric character references
 *    (names and characters from the `entities` package's HTML table);
 *  - a bare "&" (AT&T, ?a=1&b=2), an unknown name (&doesnotexist;) or a non-numeric "&#...;" is escaped to "&amp;",
 *    so the text reads literally; a numeric reference to a character XML forbids (&#0;, a surrogate) becomes U+FFFD;
 *  - a reference to an entity declared with a literal value in the document's own internal DTD subset
 *    (<!DOCTYPE rss [<!ENTITY id "tag:example.com,">]>), which the parser does not support, is replaced by its value.
 * Comments, CDATA sections, processing instructions and the DOCTYPE are left untouched. One forward pass.
 */

export interface EntityRepair {
  text: string;
  /** references changed, by kind */
  html: number;
  bare: number;
  declared: number;
}

const XML_PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
/** "&name;" or "&#...;" with a bounded name (sticky: matched only at the "&" under examination). */
const REFERENCE = /&(#?[\w.:\-\u00B7\u00C0-\uFFFD]{1,64});/y;
const ENTITY_DECLARATION = /<!ENTITY\s+([A-Za-z_:][\w.:-]{0,63})\s+(?:"([^"<&%]*)"|'([^'<&%]*)')\s*>/g;
const MAX_DECLARED = 256;
const MAX_DOCTYPE = 65_536;
/** characters declared entities may add to the document in total; more is refused (entity expansion attack) */
const MAX_EXPANSION = 1_000_000;

/** Whether a code point is a character XML 1.0 allows (the test sax applies to numeric references). */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function numericReference(cp: number): string {
  return `&#x${(isXmlChar(cp) ? cp : 0xfffd).toString(16).toUpperCase()};`;
}

/** The code point of "#65" / "#x41", or undefined when the name is not a number. */
function codePoint(name: string): number | undefined {
  const hex = /^#[xX]([0-9a-fA-F]{1,8})$/.exec(name);
  if (hex?.[1] !== undefined) return parseInt(hex[1], 16);
  const dec = /^#(\d{1,10})$/.exec(name);
  return dec?.[1] !== undefined ? parseInt(dec[1], 10) : undefined;
}

/** The entities with a literal value declared in the internal subset of the document's DOCTYPE. */
function declaredEntities(text: string): Map<string, string> {
  const declared = new Map<string, string>();
  const start = text.indexOf('<!DOCTYPE');
  if (start < 0 || start > MAX_DOCTYPE) return declared;
  const end = skipSpecial(text, start);
  if (end === undefined || end < 0) return declared;
  const subset = text.slice(start, Math.min(end, start + MAX_DOCTYPE));
  for (const m of subset.matchAll(ENTITY_DECLARATION)) {
    const [, name, double, single] = m;
    if (name === undefined || declared.has(name) || XML_PREDEFINED.has(name)) continue;
    // escaped so the value can stand in text or in an attribute value of either quote
    const value = (double ?? single ?? '').replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/>/g, '&gt;');
    declared.set(name, value);
    if (declared.size >= MAX_DECLARED) break;
  }
  return declared;
}

type Kind = 'html' | 'bare' | 'declared';
interface Fix {
  /** characters of the original consumed */
  length: number;
  /** replacement text; undefined keeps the original */
  replacement?: string;
  kind?: Kind;
}

function examine(text: string, at: number, declared: Map<string, string>): Fix {
  REFERENCE.lastIndex = at;
  const m = REFERENCE.exec(text);
  const name = m?.[1];
  if (m === null || name === undefined) return { length: 1, replacement: '&amp;', kind: 'bare' };
  const length = m[0].length;
  if (name.startsWith('#')) {
    const cp = codePoint(name);
    if (cp === undefined) return { length: 1, replacement: '&amp;', kind: 'bare' };
    return isXmlChar(cp) ? { length } : { length, replacement: numericReference(cp), kind: 'bare' };
  }
  if (XML_PREDEFINED.has(name.toLowerCase())) return { length };
  const value = declared.get(name);
  if (value !== undefined) return { length, replacement: value, kind: 'declared' };
  const decoded = decodeHTMLStrict(m[0]);
  const points = [...decoded];
  if (decoded !== m[0] && points.length <= 2) {
    return { length, replacement: points.map((c) => numericReference(c.codePointAt(0) ?? 0xfffd)).join(''), kind: 'html' };
  }
  return { length: 1, replacement: '&amp;', kind: 'bare' };
}

/** The document with its invalid entity references repaired, or undefined when none was found (or on abuse). */
export function repairEntities(text: string): EntityRepair | undefined {
  const declared = declaredEntities(text);
  const counts: Record<Kind, number> = { html: 0, bare: 0, declared: 0 };
  const out: string[] = [];
  let copied = 0;
  let added = 0;
  let i = 0;
  const scan = /[<&]/g;
  while (i < text.length) {
    scan.lastIndex = i;
    const m = scan.exec(text);
    if (m === null) break;
    const at = m.index;
    if (m[0] === '<') {
      const end = skipSpecial(text, at);
      if (end === -1) break;
      i = end ?? at + 1;
      continue;
    }
    const fix = examine(text, at, declared);
    if (fix.replacement !== undefined && fix.kind !== undefined) {
      out.push(text.slice(copied, at), fix.replacement);
      copied = at + fix.length;
      counts[fix.kind]++;
      if (fix.kind === 'declared') added += fix.replacement.length;
      if (added > MAX_EXPANSION) return undefined;
    }
    i = at + fix.length;
  }
  if (counts.html + counts.bare + counts.declared === 0) return undefined;
  out.push(text.slice(copied));
  return { text: out.join(''), ...counts };
}

/** "repaired 3 invalid entities (2 HTML named, 1 bare &)" */
export function describeEntityRepair(r: EntityRepair): string {
  const parts = [
    r.html > 0 ? `${r.html} HTML named` : '',
    r.bare > 0 ? `${r.bare} bare & or unknown` : '',
    r.declared > 0 ? `${r.declared} declared in the DOCTYPE` : '',
  ].filter((p) => p !== '');
  return `repaired ${r.html + r.bare + r.declared} invalid entities (${parts.join(', ')})`;
}
