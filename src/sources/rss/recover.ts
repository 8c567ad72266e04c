import { parseFailureReason } from './feed-errors.js';
import { describeEntityRepair, repairEntities } from './repair-entities.js';
import { repairTruncation } from './repair-truncation.js';
import { bareDeclarationCost } from './xml-lexer.js';

/**
 * Recovery of feeds a strict XML parse rejects but whose content can honestly be read. Each kind of repair answers one
 * kind of parser failure, is tried at most once per document, and leaves a warning; when no repair applies (or the
 * repaired text still fails) the parser's error stands: at most four parses of a document. The repairs are single
 * forward passes (xml-lexer.ts); a document the parser itself would take minutes over is refused before any parse.
 */

export interface Repair {
  text: string;
  warning: string;
}
type RepairKind = 'entities' | 'truncation' | 'leading';

const KIND_BY_REASON: ReadonlyMap<string, RepairKind> = new Map<string, RepairKind>([
  ['Invalid character entity', 'entities'],
  ['Invalid character in entity name', 'entities'],
  ['Unclosed root tag', 'truncation'],
  ['Non-whitespace before first tag.', 'leading'],
  // text between the XML declaration and the root element
  ['Text data outside of root node.', 'leading'],
]);

function isControl(code: number): boolean {
  return code < 0x20 || code === 0x7f;
}

/** Whether a text holds only characters a reader cannot see: spaces, BOMs, zero-width and control characters. */
function isInvisible(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const zeroWidth = (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff;
    if (!isControl(code) && !zeroWidth && !/\s/.test(ch)) return false;
  }
  return true;
}

/** A one-line excerpt for a warning: control characters and runs of spaces become one space. */
function excerpt(text: string): string {
  const printable = [...text].map((ch) => (isControl(ch.codePointAt(0) ?? 0) ? ' ' : ch)).join('');
  return printable.replace(/\s+/g, ' ').trim().slice(0, 60);
}

/** What a feed may start with: an XML declaration, a DOCTYPE, or the root element of RSS, Atom, RDF or CDF. */
const FEED_START = /^<(\?xml[\s?]|!DOCTYPE\s|([A-Za-z_][\w.-]*:)?(rss|feed|RDF|channel)[\s/>])/i;
const MAX_LEADING = 4096;
/** Σ length² of bare "<!...>" declarations the parser may chew on (~0.1 s); legitimate feeds have none. */
const MAX_DECLARATION_COST = 20_000_000;

/**
 * The document without what precedes its first tag (or follows its XML declaration), when that is invisible
 * characters, or text (a server-side notice) followed by the start of a feed. Text before anything else (a licence, a
 * JSON document, an HTML page) is left, so such a document stays rejected.
 */
export function repairLeading(text: string): Repair | undefined {
  const declaration = /^[ \t\r\n]*<\?xml[^>]{0,512}\?>/.exec(text);
  const from = declaration ? declaration[0].length : 0;
  const lt = text.indexOf('<', from);
  if (lt <= from || lt - from > MAX_LEADING) return undefined;
  const junk = text.slice(from, lt);
  if (/^[ \t\r\n]*$/.test(junk)) return undefined; // what the parser accepts: the failure is elsewhere
  const invisible = isInvisible(junk);
  if (!invisible && !FEED_START.test(text.slice(lt, lt + 64))) return undefined;
  const what = invisible ? `${junk.length} invisible characters` : `${junk.length} characters of text ("${excerpt(junk)}")`;
  return { text: `${text.slice(0, from)}${text.slice(lt)}`, warning: `removed ${what} before the first tag` };
}

const REPAIRS: Readonly<Record<RepairKind, (text: string) => Repair | undefined>> = {
  entities: (text) => {
    const r = repairEntities(text);
    return r && { text: r.text, warning: describeEntityRepair(r) };
  },
  truncation: (text) => {
    const r = repairTruncation(text);
    return r && { text: r.text, warning: `feed truncated after ${r.items} items: the document ends before its root element is closed` };
  },
  leading: repairLeading,
};

/**
 * Runs `attempt` on the text, then on repaired texts while a repair answers the failure. Warnings of a failed attempt
 * are dropped; those of the successful one follow the repair warnings. Rejects with the last attempt's error, or at
 * once when the text holds "<!" declarations the parser would take minutes over (see bareDeclarationCost).
 */
export async function parseWithRepairs<T>(
  xml: string,
  attempt: (text: string, warn: (message: string) => void) => Promise<T>,
  warn: (message: string) => void,
): Promise<T> {
  if (bareDeclarationCost(xml) > MAX_DECLARATION_COST) throw new Error('Runaway markup declaration (<!...)');
  let text = xml;
  const applied = new Set<RepairKind>();
  const repairWarnings: string[] = [];
  for (;;) {
    const attemptWarnings: string[] = [];
    try {
      const result = await attempt(text, (m) => void attemptWarnings.push(m));
      for (const m of [...repairWarnings, ...attemptWarnings]) warn(m);
      return result;
    } catch (err) {
      const kind = KIND_BY_REASON.get(parseFailureReason(err));
      if (kind === undefined || applied.has(kind)) throw err;
      applied.add(kind);
      let repair: Repair | undefined;
      try {
        repair = REPAIRS[kind](text);
      } catch {
        repair = undefined;
      }
      if (repair === undefined) throw err;
      text = repair.text;
      repairWarnings.push(repair.warning);
    }
  }
}
