import Parser from 'rss-parser';
import { isInternalError } from '../../shared/errors.js';
import { readableError } from './feed-errors.js';
import { normalizeFeedShape } from './feed-shapes.js';
import { repairShapes } from './shape-repairs.js';

/** One item as rss-parser builds it (fields we read; everything may be absent or oddly typed). */
export type ParsedItem = Record<string, unknown>;

type XmlObject = Record<string, unknown>;
type FeedBuilder = (xmlObj: XmlObject) => { items: unknown[] };
type XmlCallback = (err: unknown, result?: unknown) => unknown;
interface ParserInternals {
  xmlParser: { parseString(xml: string, cb: XmlCallback): unknown };
  parseItemAtom(entry: XmlObject): ParsedItem;
  parseItemRss(item: XmlObject, fields: unknown): ParsedItem;
  buildAtomFeed: FeedBuilder;
  buildRSS0_9: FeedBuilder;
  buildRSS1: FeedBuilder;
  buildRSS2: FeedBuilder;
}
type BuilderName = 'buildAtomFeed' | 'buildRSS0_9' | 'buildRSS1' | 'buildRSS2';

/** Marker for an item that could not be built even after repair; removed after parsing. */
export const SKIPPED = Symbol('skipped-item');

const ATOM_DATE_KEYS = ['published', 'updated'] as const;

function firstString(value: unknown): string | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** A copy of an Atom entry without the date elements `new Date()` cannot read (they make rss-parser throw). */
function withoutInvalidDates(entry: Record<string, unknown>): { entry: Record<string, unknown>; dropped: string[] } {
  const copy = { ...entry };
  const dropped: string[] = [];
  for (const key of ATOM_DATE_KEYS) {
    const value = copy[key];
    if (value === undefined) continue;
    const text = firstString(value);
    if (text === undefined || Number.isNaN(new Date(text).getTime())) {
      dropped.push(`${key}="${(text ?? '(element)').slice(0, 40)}"`);
      delete copy[key];
    }
  }
  return { entry: copy, dropped };
}

function label(entry: Record<string, unknown>): string {
  return (firstString(entry.id) ?? firstString(entry.title) ?? firstString(entry.guid) ?? '?').slice(0, 80);
}

/**
 * An rss-parser whose per-item builders cannot reject the whole feed: an Atom entry with an invalid date is rebuilt
 * without that date (publishedAt then stays undefined), and any item that still throws is skipped. Shapes rss-parser
 * does not know (namespace-prefixed RSS/Atom, CDF) are rewritten first (feed-shapes.ts). Each repair or skip is
 * reported through `warn`. A new parser per document (xml2js parsers keep state).
 */
export function createSafeParser(warn: (message: string) => void): Parser {
  // media:group: YouTube's video description (parse-feed.ts reads its media:description)
  const parser = new Parser({ defaultRSS: 2, customFields: { item: ['media:group'] } });
  const internals = parser as unknown as ParserInternals;
  const atom = internals.parseItemAtom.bind(parser);
  const rss = internals.parseItemRss.bind(parser);
  internals.parseItemAtom = (entry) => {
    const safeEntry = isObject(entry) ? entry : {};
    try {
      return atom(safeEntry);
    } catch (err) {
      const repaired = withoutInvalidDates(safeEntry);
      if (repaired.dropped.length === 0) return skipped(`entry ${label(safeEntry)}`, err, warn);
      try {
        const item = atom(repaired.entry);
        warn(`entry ${label(safeEntry)}: invalid date dropped (${repaired.dropped.join(', ')})`);
        return item;
      } catch (again) {
        return skipped(`entry ${label(safeEntry)}`, again, warn);
      }
    }
  };
  internals.parseItemRss = (item, fields) => {
    const safeItem = isObject(item) ? item : {};
    try {
      return rss(safeItem, fields);
    } catch (err) {
      return skipped(`item ${label(safeItem)}`, err, warn);
    }
  };
  const parseXml = internals.xmlParser.parseString.bind(internals.xmlParser);
  internals.xmlParser.parseString = (xml, cb) =>
    parseXml(xml, (err, result) => (err ? cb(err) : cb(null, normalizedOrSame(result, warn))));
  guardChannel(internals, 'buildRSS2', 'rss', warn);
  guardChannel(internals, 'buildRSS0_9', 'rss', warn);
  guardChannel(internals, 'buildRSS1', 'rdf:RDF', warn);
  for (const name of ['buildAtomFeed', 'buildRSS0_9', 'buildRSS1', 'buildRSS2'] as const) itemsOnlyFallback(internals, name, warn);
  return parser;
}

function isObject(value: unknown): value is XmlObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function skipped(what: string, err: unknown, warn: (message: string) => void): ParsedItem {
  warn(`${what} skipped: ${readableError(err)}`);
  return { [SKIPPED]: true };
}

/** The xml2js result rewritten by normalizeFeedShape and repairShapes; as far as it got should a rewrite fail. */
function normalizedOrSame(result: unknown, warn: (message: string) => void): unknown {
  let out = result;
  try {
    out = normalizeFeedShape(out, warn);
  } catch {
    // keep the result as it is
  }
  try {
    return repairShapes(out, warn);
  } catch {
    return out;
  }
}

/** The document with only its items (feed-level elements removed), for a retry after the feed level threw. */
function itemsOnly(xmlObj: XmlObject): XmlObject {
  const pick = (node: unknown, keys: readonly string[]): XmlObject => {
    const out: XmlObject = {};
    if (!isObject(node)) return out;
    for (const key of keys) if (node[key] !== undefined) out[key] = node[key];
    return out;
  };
  if (isObject(xmlObj.feed)) return { feed: pick(xmlObj.feed, ['entry']) };
  if (isObject(xmlObj['rdf:RDF'])) return { 'rdf:RDF': { channel: [{}], ...pick(xmlObj['rdf:RDF'], ['item']) } };
  const rss = isObject(xmlObj.rss) ? xmlObj.rss : {};
  const channel: unknown = Array.isArray(rss.channel) ? rss.channel[0] : undefined;
  return { rss: { ...pick(rss, ['$']), channel: [pick(channel, ['item'])] } };
}

/**
 * A feed builder that, when the feed-level part of a document makes rss-parser throw an internal error, reads the
 * items without it (with a warning) instead of rejecting every item over a bad title or link.
 */
function itemsOnlyFallback(internals: ParserInternals, method: BuilderName, warn: (message: string) => void): void {
  const build = internals[method].bind(internals);
  internals[method] = (xmlObj) => {
    try {
      return build(xmlObj);
    } catch (err) {
      if (!isInternalError(err)) throw err;
      warn(`feed-level elements unreadable (${readableError(err)}): items read without them`);
      return build(itemsOnly(xmlObj));
    }
  };
}

/** An <rss> or <rdf:RDF> without a <channel> is an empty feed (rss-parser would throw a TypeError on it). */
function guardChannel(
  internals: ParserInternals,
  method: 'buildRSS0_9' | 'buildRSS1' | 'buildRSS2',
  root: string,
  warn: (message: string) => void,
): void {
  const build = internals[method].bind(internals);
  internals[method] = (xmlObj) => {
    const rootElement = xmlObj[root];
    const channel = rootElement !== null && typeof rootElement === 'object' ? (rootElement as XmlObject).channel : undefined;
    if (!Array.isArray(channel) || channel[0] === undefined) {
      warn(`<${root}> has no <channel>: no items`);
      return { items: [] };
    }
    return build(xmlObj);
  };
}
