import Parser from 'rss-parser';
import { normalizeFeedShape } from './feed-shapes.js';

/** One item as rss-parser builds it (fields we read; everything may be absent or oddly typed). */
export type ParsedItem = Record<string, unknown>;

type XmlObject = Record<string, unknown>;
type FeedBuilder = (xmlObj: XmlObject) => { items: unknown[] };
type XmlCallback = (err: unknown, result?: unknown) => unknown;
interface ParserInternals {
  xmlParser: { parseString(xml: string, cb: XmlCallback): unknown };
  parseItemAtom(entry: XmlObject): ParsedItem;
  parseItemRss(item: XmlObject, fields: unknown): ParsedItem;
  buildRSS0_9: FeedBuilder;
  buildRSS1: FeedBuilder;
  buildRSS2: FeedBuilder;
}

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
  const parser = new Parser({ defaultRSS: 2 });
  const internals = parser as unknown as ParserInternals;
  const atom = internals.parseItemAtom.bind(parser);
  const rss = internals.parseItemRss.bind(parser);
  internals.parseItemAtom = (entry) => {
    try {
      return atom(entry);
    } catch (err) {
      const repaired = withoutInvalidDates(entry);
      try {
        const item = atom(repaired.entry);
        warn(`entry ${label(entry)}: invalid date dropped (${repaired.dropped.join(', ') || (err as Error).message})`);
        return item;
      } catch (again) {
        warn(`entry ${label(entry)} skipped: ${(again as Error).message}`);
        return { [SKIPPED]: true };
      }
    }
  };
  internals.parseItemRss = (item, fields) => {
    try {
      return rss(item, fields);
    } catch (err) {
      warn(`item ${label(item)} skipped: ${(err as Error).message}`);
      return { [SKIPPED]: true };
    }
  };
  const parseXml = internals.xmlParser.parseString.bind(internals.xmlParser);
  internals.xmlParser.parseString = (xml, cb) =>
    parseXml(xml, (err, result) => (err ? cb(err) : cb(null, normalizedOrSame(result, warn))));
  guardChannel(internals, 'buildRSS2', 'rss', warn);
  guardChannel(internals, 'buildRSS0_9', 'rss', warn);
  guardChannel(internals, 'buildRSS1', 'rdf:RDF', warn);
  return parser;
}

/** The xml2js result rewritten by normalizeFeedShape; the result itself should the rewrite fail. */
function normalizedOrSame(result: unknown, warn: (message: string) => void): unknown {
  try {
    return normalizeFeedShape(result, warn);
  } catch {
    return result;
  }
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
