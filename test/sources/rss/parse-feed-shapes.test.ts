/**
 * Feed shapes that lost items (issue 12, item 2): Atom links without href, RSS 1.1, RSS 1.0 items inside <channel>,
 * a root-level Atom <entry>, empty entries. None may reject the feed, drop a good entry, or produce a warning or
 * failure reason that is an internal TypeError.
 */
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/sources/rss/parse-feed.js';
import { FeedParseError, parseFailureReason } from '../../../src/sources/rss/feed-errors.js';

const BASE = 'http://example.com/feed.xml';
const INTERNAL = /Cannot read propert|undefined \(reading/;

const atom = (feedLevel: string, entries: string): string =>
  `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>${feedLevel}<id>urn:f</id>${entries}</feed>`;
const entry = (n: number, extra = `<link href="http://example.com/${n}"/>`): string =>
  `<entry><id>urn:${n}</id><title>Entry ${n}</title>${extra}<updated>2024-01-0${n}T00:00:00Z</updated></entry>`;

async function read(xml: string): Promise<{ titles: string[]; links: (string | undefined)[]; warnings: string[] }> {
  const { items, warnings } = await parseFeed(xml, BASE);
  for (const w of warnings) expect(w).not.toMatch(INTERNAL);
  return { titles: items.map((i) => i.title), links: items.map((i) => i.link), warnings };
}

describe('Atom <link> without href', () => {
  it.each([
    ['<link/>', 'empty'],
    ['<link>http://example.com/</link>', 'text'],
    ['<link rel="alternate"/>', 'rel only'],
    ['<link rel="alternate">http://example.com/</link>', 'rel and text'],
  ])('a feed-level %s (%s) does not reject the feed', async (link) => {
    const { titles } = await read(atom(link, entry(1) + entry(2)));
    expect(titles).toEqual(['Entry 1', 'Entry 2']);
  });

  it('an entry-level link without href keeps the entry; a text link becomes its link', async () => {
    const xml = atom('', entry(1, '<link/>') + entry(2, '<link>http://example.com/two</link>') + entry(3));
    const { titles, links } = await read(xml);
    expect(titles).toEqual(['Entry 1', 'Entry 2', 'Entry 3']);
    expect(links).toEqual([undefined, 'http://example.com/two', 'http://example.com/3']);
  });
});

describe('RSS 1.1, RSS 1.0 items inside <channel>, a root <entry>', () => {
  it('RSS 1.1 (<Channel> with <items rdf:parseType="Collection">) gives its items', async () => {
    const xml = `<?xml version="1.0"?>
<Channel xmlns="http://purl.org/net/rss1.1#" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns:dc="http://purl.org/dc/elements/1.1/" rdf:about="http://example.com/">
  <title>T</title><link>http://example.com/</link><description>d</description>
  <items rdf:parseType="Collection">
    <item rdf:about="http://example.com/1"><title>One</title><link>http://example.com/1</link>
      <description>first</description><dc:date>2024-01-01T00:00:00Z</dc:date></item>
    <item rdf:about="http://example.com/2"><title>Two</title></item>
  </items>
</Channel>`;
    const { items } = await parseFeed(xml, BASE);
    expect(items).toMatchObject([
      { title: 'One', link: 'http://example.com/1', text: 'first', publishedAt: '2024-01-01T00:00:00.000Z' },
      { title: 'Two', link: 'http://example.com/2' },
    ]);
  });

  it('an RSS 1.0 <item> placed inside <channel> gives its item, beside the well-placed ones', async () => {
    const xml = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="http://example.com/"><title>T</title><link>http://example.com/</link><description>d</description>
    <item rdf:about="http://example.com/in"><title>Inside</title><link>http://example.com/in</link></item>
  </channel>
  <item rdf:about="http://example.com/out"><title>Outside</title><link>http://example.com/out</link></item>
</rdf:RDF>`;
    const { titles, warnings } = await read(xml);
    expect(titles.sort()).toEqual(['Inside', 'Outside']);
    expect(warnings.join('\n')).toMatch(/inside <channel>/);
  });

  it.each([
    ['unprefixed', '<entry xmlns="http://www.w3.org/2005/Atom"><id>urn:1</id><title>Alone</title><link href="/a"/></entry>'],
    ['prefixed', '<a:entry xmlns:a="http://www.w3.org/2005/Atom"><a:id>urn:1</a:id><a:title>Alone</a:title><a:link href="/a"/></a:entry>'],
  ])('a document whose root is one Atom <entry> (%s) gives its item', async (_, xml) => {
    const { items } = await parseFeed(`<?xml version="1.0"?>${xml}`, BASE);
    expect(items).toMatchObject([{ title: 'Alone', guid: 'urn:1', link: 'http://example.com/a' }]);
  });
});

describe('empty elements and internal errors', () => {
  it.each(['<entry/>', '<entry></entry>', '<entry>   </entry>', '<entry>text only</entry>'])(
    'an empty %s is skipped without a misleading warning',
    async (empty) => {
      const { titles, warnings } = await read(atom('', entry(1) + empty + entry(2)));
      expect(titles).toEqual(['Entry 1', 'Entry 2']);
      expect(warnings.join('\n')).not.toMatch(/invalid date/);
    },
  );

  it.each(['<item/>', '<item></item>', '<item>text only</item>'])('an empty RSS %s is skipped', async (empty) => {
    const xml = `<rss version="2.0"><channel><title>T</title>${empty}<item><title>Kept</title></item></channel></rss>`;
    expect((await read(xml)).titles).toEqual(['Kept']);
  });

  it('an internal TypeError is never the reason a person reads', () => {
    const reason = parseFailureReason(new TypeError("Cannot read properties of undefined (reading 'rel')"));
    expect(reason).not.toMatch(INTERNAL);
    expect(reason).toBe('unexpected document structure');
    expect(new FeedParseError(reason, BASE).message).not.toMatch(INTERNAL);
  });
});
