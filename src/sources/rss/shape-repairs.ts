/**
 * Repairs of element shapes inside a feed rss-parser would trip over, made on the object xml2js builds (after
 * feed-shapes.ts has settled the root), each with a warning:
 *  - Atom <link> without an href (<link/>, <link>http://…</link>), at feed level or in an entry: rss-parser reads
 *    `link.$.rel` and throws a TypeError that rejected the feed or dropped the entry. The text becomes the href;
 *    an empty link is removed;
 *  - an empty or text-only <entry> or <item> (xml2js gives a string): an element with no children, which is then
 *    skipped as empty instead of failing inside the parser;
 *  - RSS 1.0 / 0.9 <item> elements placed inside <channel> instead of beside it: moved beside it (rss-parser reads
 *    only the root's items, so they were silently lost);
 *  - RSS 2.0 <item> elements placed beside <channel> inside <rss>: moved into the channel.
 */

type XmlObject = Record<string, unknown>;

function isObject(value: unknown): value is XmlObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** An Atom link element in the shape rss-parser reads ({ $: { href, rel? } }), or undefined when it has no target. */
function repairLink(link: unknown): XmlObject | undefined {
  if (typeof link === 'string') return link.trim() === '' ? undefined : { $: { href: link.trim() } };
  if (!isObject(link)) return undefined;
  const attrs = isObject(link.$) ? link.$ : undefined;
  const text = typeof link._ === 'string' ? link._.trim() : '';
  const href = attrs && typeof attrs.href === 'string' ? attrs.href : undefined;
  if (href !== undefined) return link;
  if (text === '') return undefined;
  return { ...link, $: { ...(attrs ?? {}), href: text } };
}

/** Repairs node.link in place; counts the links changed or removed. */
function repairLinks(node: XmlObject, changed: { n: number }): void {
  if (node.link === undefined) return;
  const links = asArray(node.link);
  const repaired = links.map(repairLink);
  changed.n += repaired.filter((r, i) => r !== links[i]).length;
  const kept = repaired.filter((r): r is XmlObject => r !== undefined);
  if (kept.length > 0) node.link = kept;
  else delete node.link;
}

/**
 * The elements of a list as objects: a string element (empty or text only) becomes an element without children,
 * which parse-feed.ts then skips with its own warning.
 */
function asElements(list: unknown): XmlObject[] {
  return asArray(list).map((el) => (isObject(el) ? el : {}));
}

function repairAtom(feed: XmlObject, warn: (message: string) => void): void {
  const links = { n: 0 };
  repairLinks(feed, links);
  if (feed.entry !== undefined) {
    feed.entry = asElements(feed.entry);
    for (const entry of feed.entry as XmlObject[]) repairLinks(entry, links);
  }
  if (links.n > 0) warn(`${links.n} Atom <link> elements without href read from their text or removed`);
}

function repairRss1(root: XmlObject, warn: (message: string) => void): void {
  const channel = asArray(root.channel)[0];
  if (isObject(channel) && channel.item !== undefined) {
    const inside = asArray(channel.item);
    delete channel.item;
    root.item = [...asArray(root.item), ...inside];
    warn(`${inside.length} <item> elements placed inside <channel> read as items`);
  }
  if (root.item !== undefined) root.item = asElements(root.item);
}

function repairRss2(root: XmlObject, warn: (message: string) => void): void {
  const channel = asArray(root.channel)[0];
  if (!isObject(channel)) return;
  if (root.item !== undefined) {
    const outside = asArray(root.item);
    delete root.item;
    channel.item = [...asArray(channel.item), ...outside];
    warn(`${outside.length} <item> elements placed outside <channel> read as items`);
  }
  if (channel.item !== undefined) channel.item = asElements(channel.item);
}

/** The xml2js result with the repairs above made in place (the object is the parser's own, built for this parse). */
export function repairShapes(result: unknown, warn: (message: string) => void): unknown {
  if (!isObject(result)) return result;
  if (isObject(result.feed)) repairAtom(result.feed, warn);
  else if (isObject(result['rdf:RDF'])) repairRss1(result['rdf:RDF'], warn);
  else if (isObject(result.rss)) repairRss2(result.rss, warn);
  return result;
}
