/**
 * Valid RSS 2.0, Atom and RSS 1.0 (RDF) documents as element trees, for structural mutation tests: each holds
 * well-formed "good" items and one "victim" sibling that the tests damage. Serialised with proper escaping, so every
 * mutated document is still well-formed XML.
 */

export interface El {
  name: string;
  attrs: Record<string, string>;
  children: (El | string)[];
}

export type Format = 'rss' | 'atom' | 'rdf';

export const el = (name: string, attrs: Record<string, string> = {}, children: (El | string)[] = []): El => ({ name, attrs, children });
const text = (name: string, value: string, attrs: Record<string, string> = {}): El => el(name, attrs, [value]);

export interface GoodItem {
  title: string;
  link: string;
}

export const goodItem = (k: number): GoodItem => ({ title: `Good item ${k}`, link: `http://example.com/good/${k}` });
const date = (k: number): string => new Date(Date.UTC(2024, 0, 1 + k, 12)).toISOString();

function item(format: Format, k: number, prefix: string): El {
  const title = `${prefix} item ${k}`;
  const link = `http://example.com/${prefix.toLowerCase()}/${k}`;
  if (format === 'rss') {
    return el('item', {}, [
      text('title', title), text('link', link), text('guid', `${link}#guid`, { isPermaLink: 'false' }),
      text('pubDate', new Date(date(k)).toUTCString()), text('description', `<p>About ${title}</p>`),
    ]);
  }
  if (format === 'atom') {
    return el('entry', {}, [
      text('id', `urn:${prefix}:${k}`), text('title', title, { type: 'text' }), el('link', { rel: 'alternate', href: link }),
      el('link', { rel: 'related', href: `${link}/related` }), text('published', date(k)), text('updated', date(k)),
      text('summary', `About ${title}`, { type: 'html' }), el('author', {}, [text('name', 'Ann')]),
    ]);
  }
  return el('item', { 'rdf:about': link }, [
    text('title', title), text('link', link), text('description', `About ${title}`), text('dc:date', date(k)),
  ]);
}

/** A valid document with `good` good items and one victim inserted at `victimAt` among them. */
export function buildFeed(format: Format, good: number, victimAt: number): { root: El; items: El[]; victim: El } {
  const items = Array.from({ length: good }, (_, k) => item(format, k, 'Good'));
  const victim = item(format, 99, 'Victim');
  const all = [...items];
  all.splice(victimAt % (good + 1), 0, victim);
  if (format === 'rss') {
    const channel = el('channel', {}, [
      text('title', 'A feed'), text('link', 'http://example.com/'), text('description', 'd'),
      el('atom:link', { href: 'http://example.com/feed', rel: 'self', type: 'application/rss+xml' }), ...all,
    ]);
    return { root: el('rss', { version: '2.0', 'xmlns:atom': 'http://www.w3.org/2005/Atom' }, [channel]), items, victim };
  }
  if (format === 'atom') {
    const root = el('feed', { xmlns: 'http://www.w3.org/2005/Atom' }, [
      text('title', 'A feed'), el('link', { rel: 'alternate', href: 'http://example.com/' }),
      el('link', { rel: 'self', href: 'http://example.com/feed' }), text('id', 'urn:feed'), text('updated', date(0)),
      el('author', {}, [text('name', 'Bob')]), ...all,
    ]);
    return { root, items, victim };
  }
  const seq = el('rdf:Seq', {}, all.map((i) => el('rdf:li', { 'rdf:resource': i.attrs['rdf:about'] ?? '' })));
  const channel = el('channel', { 'rdf:about': 'http://example.com/' }, [
    text('title', 'A feed'), text('link', 'http://example.com/'), text('description', 'd'), el('items', {}, [seq]),
  ]);
  const root = el(
    'rdf:RDF',
    { 'xmlns:rdf': 'http://www.w3.org/1999/02/22-rdf-syntax-ns#', xmlns: 'http://purl.org/rss/1.0/', 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' },
    [channel, ...all],
  );
  return { root, items, victim };
}

const escText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string): string => escText(s).replace(/"/g, '&quot;');

export function serialize(node: El | string): string {
  if (typeof node === 'string') return escText(node);
  const attrs = Object.entries(node.attrs).map(([k, v]) => ` ${k}="${escAttr(v)}"`).join('');
  if (node.children.length === 0) return `<${node.name}${attrs}/>`;
  return `<${node.name}${attrs}>${node.children.map(serialize).join('')}</${node.name}>`;
}

export const toXml = (root: El): string => `<?xml version="1.0" encoding="utf-8"?>\n${serialize(root)}`;

/** Every element of a subtree, the subtree's root first. */
export function elementsOf(node: El): El[] {
  return [node, ...node.children.flatMap((c) => (typeof c === 'string' ? [] : elementsOf(c)))];
}
