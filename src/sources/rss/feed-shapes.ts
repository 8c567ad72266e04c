/**
 * Feed shapes rss-parser does not recognize, rewritten (on the object xml2js builds, never on the text) into the shape
 * it reads, with a warning:
 *  - RSS 2.0 or Atom whose elements carry a namespace prefix (<r:rss xmlns:r="http://backend.userland.com/rss2">,
 *    <atom:feed xmlns:atom="http://www.w3.org/2005/Atom">): the root's prefix is removed from element names;
 *    elements of other namespaces (szf:description, dc:creator, atom:link in RSS) keep theirs;
 *  - RSS 1.0 whose RSS elements carry a prefix (<rdf:RDF xmlns:rss="http://purl.org/rss/1.0/"><rss:item>), or whose
 *    RDF root has an unusual prefix: read as <rdf:RDF> with unprefixed channel and items (else silently empty);
 *  - RSS 1.1 (<Channel xmlns="http://purl.org/net/rss1.1#"> with <items rdf:parseType="Collection"><item>…</items>):
 *    read as an RSS 2.0 channel whose items are those of the collection (rdf:about -> link when there is no <link>);
 *  - a document whose root is one Atom <entry> (optionally prefixed): read as a feed of that one entry;
 *  - Microsoft CDF (<CHANNEL><ITEM HREF=".." LASTMOD=".."><TITLE/><ABSTRACT/></ITEM></CHANNEL>), or a bare <channel>
 *    root: read as an RSS 2.0 channel (HREF -> link resolved against BASE, ABSTRACT -> description, LASTMOD -> date).
 * Anything else is returned as it is (rss-parser then rejects what it does not know).
 */

type XmlObject = Record<string, unknown>;

const RSS1_NS = new Set(['http://purl.org/rss/1.0/', 'http://my.netscape.com/rdf/simple/0.9/']);
const ATOM_NS = new Set(['http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#']);
const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RSS11_NS = 'http://purl.org/net/rss1.1#';
const MAX_DEPTH = 64;
const MAX_CDF_DEPTH = 8;

function isObject(value: unknown): value is XmlObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** A copy of an xml2js node with `prefixes` removed from element names; `renamed.n` counts the renamings. */
function stripPrefixes(node: unknown, prefixes: ReadonlySet<string>, renamed: { n: number }, depth = 0): unknown {
  if (Array.isArray(node)) return node.map((child) => stripPrefixes(child, prefixes, renamed, depth + 1));
  if (!isObject(node) || depth > MAX_DEPTH) return node;
  const out: XmlObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '__proto__') continue;
    if (key === '$' || key === '_') {
      out[key] = value;
      continue;
    }
    const colon = key.indexOf(':');
    const stripped = colon > 0 && prefixes.has(key.slice(0, colon));
    const name = stripped ? key.slice(colon + 1) : key;
    if (stripped) renamed.n++;
    const copy = stripPrefixes(value, prefixes, renamed, depth + 1);
    const existing = out[name];
    if (existing === undefined) out[name] = copy;
    // a local-name clash with an unprefixed element: the feed's own (prefixed) element comes first
    else out[name] = stripped ? [...asArray(copy), ...asArray(existing)] : [...asArray(existing), ...asArray(copy)];
  }
  return out;
}

function attribute(node: XmlObject, name: string): string | undefined {
  const attrs = node.$;
  if (!isObject(attrs)) return undefined;
  const key = Object.keys(attrs).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : attrs[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function resolve(href: string, base: string | undefined): string {
  if (base === undefined) return href;
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}

function baseOf(node: XmlObject, parent: string | undefined): string | undefined {
  const base = attribute(node, 'base');
  if (base === undefined) return parent;
  try {
    return new URL(base, parent).href;
  } catch {
    return parent;
  }
}

/** A CDF CHANNEL or ITEM as RSS fields: upper-case names lower-cased, HREF/ABSTRACT/LASTMOD mapped. */
function cdfFields(node: XmlObject, base: string | undefined): XmlObject {
  const out: XmlObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$' || key === '_' || key === '__proto__' || /^(item|channel)$/i.test(key)) continue;
    const name = key === key.toUpperCase() ? key.toLowerCase() : key;
    if (!Object.hasOwn(out, name)) out[name] = value;
  }
  if (out.description === undefined && out.abstract !== undefined) out.description = out.abstract;
  const href = attribute(node, 'href');
  if (out.link === undefined && href !== undefined) out.link = [resolve(href, base)];
  const lastmod = attribute(node, 'lastmod');
  if (out.pubDate === undefined && lastmod !== undefined) out.pubDate = [lastmod];
  return out;
}

/** The ITEMs of a CDF channel and of its sub-channels, in document order of the groups xml2js keeps. */
function cdfItems(channel: XmlObject, parentBase: string | undefined, items: XmlObject[], depth = 0): void {
  if (depth > MAX_CDF_DEPTH) return;
  const base = baseOf(channel, parentBase);
  for (const [key, value] of Object.entries(channel)) {
    if (!Array.isArray(value)) continue;
    const isItem = /^item$/i.test(key);
    if (!isItem && !/^channel$/i.test(key)) continue;
    for (const child of value) {
      const node = isObject(child) ? child : {};
      if (isItem) items.push(cdfFields(node, baseOf(node, base)));
      else cdfItems(node, base, items, depth + 1);
    }
  }
}

function cdfToRss(rootKey: string, root: unknown, warn: (message: string) => void): XmlObject {
  const channel = isObject(root) ? root : {};
  const items: XmlObject[] = [];
  cdfItems(channel, undefined, items);
  const cdf = rootKey === 'CHANNEL' ? ' (CDF)' : '';
  warn(`read <${rootKey}>${cdf} as an RSS channel: ${items.length} items`);
  return { rss: { $: { version: '2.0' }, channel: [{ ...cdfFields(channel, baseOf(channel, undefined)), item: items }] } };
}

/** An RSS 1.1 item as an RSS 2.0 one: its rdf:about is the link when it has none. */
function rss11Item(node: unknown): XmlObject {
  const item = isObject(node) ? { ...node } : {};
  const about = isObject(item.$) ? item.$['rdf:about'] : undefined;
  if (item.link === undefined && typeof about === 'string' && about.trim() !== '') item.link = [about.trim()];
  return item;
}

function rss11ToRss(rootKey: string, root: unknown, prefix: string, warn: (message: string) => void): XmlObject {
  const renamed = { n: 0 };
  const body = prefix === '' ? root : stripPrefixes(root, new Set([prefix]), renamed);
  const channel: XmlObject = isObject(body) ? { ...body } : {};
  const items: XmlObject[] = [];
  for (const collection of asArray(channel.items)) {
    if (isObject(collection)) for (const item of asArray(collection.item)) items.push(rss11Item(item));
  }
  delete channel.items;
  warn(`read <${rootKey}> (RSS 1.1) as an RSS channel: ${items.length} items`);
  return { rss: { $: { version: '2.0' }, channel: [{ ...channel, item: items }] } };
}

function entryToFeed(rootKey: string, root: unknown, prefix: string, warn: (message: string) => void): XmlObject {
  const body = prefix === '' ? root : stripPrefixes(root, new Set([prefix]), { n: 0 });
  warn(`read a root <${rootKey}> as a feed of one entry`);
  return { feed: { entry: [isObject(body) ? body : {}] } };
}

/** The prefixes the root element declares for one of `namespaces`. */
function prefixesFor(attrs: XmlObject, namespaces: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith('xmlns:') && typeof value === 'string' && namespaces.has(value.trim())) found.add(key.slice(6));
  }
  return found;
}

function renameRoot(
  local: string,
  root: unknown,
  prefixes: ReadonlySet<string>,
  rootKey: string,
  warn: (message: string) => void,
): XmlObject | undefined {
  const renamed = { n: 0 };
  const body = prefixes.size > 0 ? stripPrefixes(root, prefixes, renamed) : root;
  if (renamed.n === 0 && local === rootKey) return undefined;
  const names = [...prefixes].map((p) => `"${p}:"`).join(', ');
  const as = local === rootKey ? '' : ` as <${local}>`;
  warn(`read <${rootKey}>${as}${renamed.n > 0 ? ` with namespace prefix ${names} removed from ${renamed.n} element names` : ''}`);
  return { [local]: body };
}

/** The xml2js result in a shape rss-parser recognizes, when it is one of the shapes above; else the result itself. */
export function normalizeFeedShape(result: unknown, warn: (message: string) => void): unknown {
  if (!isObject(result)) return result;
  const keys = Object.keys(result);
  const rootKey = keys[0];
  if (keys.length !== 1 || rootKey === undefined || rootKey === 'rss' || rootKey === 'feed') return result;
  const root = result[rootKey];
  const attrs = isObject(root) && isObject(root.$) ? root.$ : {};
  const colon = rootKey.indexOf(':');
  const prefix = colon > 0 ? rootKey.slice(0, colon) : '';
  const local = rootKey.slice(colon + 1);
  const rootNs = attrs[prefix === '' ? 'xmlns' : `xmlns:${prefix}`];
  const ns = typeof rootNs === 'string' ? rootNs.trim() : '';
  let normalized: XmlObject | undefined;
  if (rootKey === 'rdf:RDF' || (local === 'RDF' && ns === RDF_NS)) {
    normalized = renameRoot('rdf:RDF', root, prefixesFor(attrs, RSS1_NS), rootKey, warn);
  } else if (prefix !== '' && (local === 'rss' || (local === 'feed' && ATOM_NS.has(ns)))) {
    normalized = renameRoot(local, root, new Set([prefix]), rootKey, warn);
  } else if (local === 'Channel' && (ns === RSS11_NS || (prefix === '' && isObject(root) && root.items !== undefined))) {
    normalized = rss11ToRss(rootKey, root, prefix, warn);
  } else if (local === 'entry' && (prefix === '' || ATOM_NS.has(ns))) {
    normalized = entryToFeed(rootKey, root, prefix, warn);
  } else if (/^channel$/i.test(rootKey)) {
    normalized = cdfToRss(rootKey, root, warn);
  }
  return normalized ?? result;
}
