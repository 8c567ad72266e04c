/**
 * Recovery of feeds a strict XML parse refuses: bad entities, truncation, namespaced/CDF shapes, junk before the first
 * tag. Each repair must keep what is honestly there, say so in a warning, and leave non-feeds rejected.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/sources/rss/parse-feed.js';
import { FeedParseError } from '../../../src/sources/rss/feed-errors.js';
import { repairEntities } from '../../../src/sources/rss/repair-entities.js';
import { repairTruncation } from '../../../src/sources/rss/repair-truncation.js';
import { generateRssXml } from '../../../bench/parse-bench.js';

const BASE = 'https://news.example.com/feed.xml';

async function reason(xml: string): Promise<string> {
  const err = await parseFeed(xml, BASE).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(FeedParseError);
  return (err as FeedParseError).reason;
}

describe('bad entities', () => {
  it('turns HTML-only named entities into characters, escapes bare & and unknown names, leaves CDATA alone', async () => {
    const xml = `<rss version="2.0"><channel><title>AT&T news</title>
      <item><title>AT&T &check; caf&eacute; &ngE; &doesnotexist;</title><link>https://e.com/p?a=1&b=2</link>
        <description><![CDATA[Q&A &amp; more]]></description></item>
      <item><title>Second &amp; last</title><link>https://e.com/2</link></item></channel></rss>`;
    const { items, warnings } = await parseFeed(xml, BASE);
    expect(items.map((i) => [i.title, i.link, i.text])).toEqual([
      ['AT&T ✓ café ≧̸ &doesnotexist;', 'https://e.com/p?a=1&b=2', 'Q&A & more'],
      ['Second & last', 'https://e.com/2', ''],
    ]);
    expect(warnings).toEqual(['repaired 7 invalid entities (3 HTML named, 4 bare & or unknown)']);
  });

  it('repairs attribute values (Atom link href) and numeric references to characters XML forbids', async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>nul &#0; here</title>
      <link href="/p?a=1&b=2"/></entry></feed>`;
    const { items, warnings } = await parseFeed(xml, BASE);
    expect(items[0]).toMatchObject({ title: 'nul \uFFFD here', link: 'https://news.example.com/p?a=1&b=2' });
    expect(warnings).toEqual(['repaired 2 invalid entities (2 bare & or unknown)']);
  });

  it('writes HTML entities as numeric references, using the entities package table (no hand list)', () => {
    const r = repairEntities('<a t="&rarrw;">&Tab;&amp;&#65;&lt;&zwnj;&AMP;</a>');
    expect(r?.text).toBe('<a t="&#x219D;">&#x9;&amp;&#65;&lt;&#x200C;&AMP;</a>');
    expect(repairEntities('<a>&amp; &#x41; <![CDATA[ & ]]> <!-- & --></a>')).toBeUndefined();
  });

  it('expands entities declared in the internal DTD subset, but refuses an expansion bomb', async () => {
    const xml = `<!DOCTYPE rss [ <!ENTITY id "tag:example.com,"> ]>
      <rss version="2.0"><channel><item><title>T</title><guid isPermaLink='false'>&id;2006-05-04:/blog/</guid></item></channel></rss>`;
    const { items, warnings } = await parseFeed(xml, BASE);
    expect(items[0]?.guid).toBe('tag:example.com,2006-05-04:/blog/');
    expect(warnings).toEqual(['repaired 1 invalid entities (1 declared in the DOCTYPE)']);
    const bomb = `<!DOCTYPE rss [<!ENTITY a "${'x'.repeat(10_000)}">]><rss><channel><item><title>${'&a;'.repeat(200)}</title></item></channel></rss>`;
    expect(await reason(bomb)).toBe('Invalid character entity');
  });
});

describe('truncated documents', () => {
  const head = '<?xml version="1.0"?><rss version="2.0"><channel><title>c</title>';
  const item = (n: number): string => `<item><title>t${n}</title><link>https://e.com/${n}</link></item>`;

  it('keeps the complete items, drops the cut one, closes channel and rss', async () => {
    const xml = `${head}${item(1)}\n${item(2)}<item><title>t3</title><description><![CDATA[a fake </item> in CDATA, then the e`;
    const { items, warnings } = await parseFeed(xml, BASE);
    expect(items.map((i) => i.title)).toEqual(['t1', 't2']);
    expect(warnings).toEqual(['feed truncated after 2 items: the document ends before its root element is closed']);
  });

  it('reads Atom cut inside an attribute, RDF whose items follow the channel, and a feed with no complete item', async () => {
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>A</title></entry><entry><id>2</id><link href="/x';
    expect((await parseFeed(atom, BASE)).items.map((i) => i.title)).toEqual(['A']);
    const rdf =
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"/>' +
      '<item rdf:about="https://e.com/1"><title>R1</title></item>\n<textinput/>\n</rdf:RDF';
    expect((await parseFeed(rdf, BASE)).items.map((i) => i.title)).toEqual(['R1']);
    const none = await parseFeed(`${head}<item><title>never fini`, BASE);
    expect(none).toEqual({ items: [], warnings: ['feed truncated after 0 items: the document ends before its root element is closed'] });
  });

  it('any cut after <channel> keeps exactly the items completed before it', async () => {
    const xml = generateRssXml(4, 3);
    const ends = [...xml.matchAll(/<\/item>/g)].map((m) => m.index + '</item>'.length);
    const titles = (await parseFeed(xml, BASE)).items.map((i) => i.title);
    expect(titles).toHaveLength(4);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: xml.indexOf('<channel>') + 9, max: xml.length - 1 }), async (cut) => {
        const res = await parseFeed(xml.slice(0, cut), BASE);
        expect(res.items.map((i) => i.title)).toEqual(titles.slice(0, ends.filter((e) => e <= cut).length));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('closes exactly the elements still open at the cut (prefixed names kept)', () => {
    const r = repairTruncation('<r:rss><r:channel><r:item>x</r:item><r:item><r:title>y');
    expect(r).toEqual({ text: '<r:rss><r:channel><r:item>x</r:item></r:channel></r:rss>', items: 1 });
  });

  it('still rejects a document whose structure is broken, not cut', async () => {
    expect(await reason('<rss version="2.0"><channel><item></channel></rss>')).toMatch(/close tag/i);
  });

  it('repairs entities and truncation in the same document', async () => {
    const { items, warnings } = await parseFeed(`${head}<item><title>Q&A &hellip;</title></item><item><title>cu`, BASE);
    expect(items.map((i) => i.title)).toEqual(['Q&A …']);
    expect(warnings).toEqual([
      'repaired 2 invalid entities (1 HTML named, 1 bare & or unknown)',
      'feed truncated after 1 items: the document ends before its root element is closed',
    ]);
  });
});

describe('shapes rss-parser does not recognize', () => {
  it('reads RSS 2.0 in a prefixed namespace, keeping other namespaces apart (local-name clash)', async () => {
    const xml = `<r:rss version="2.0" xmlns:r="http://backend.userland.com/rss2" xmlns:szf="http://schemas.example/desc/">
      <r:channel><r:title>T</r:title><r:item><r:title>Item 1</r:title><r:link>https://e.com/1</r:link>
        <szf:description>not this</szf:description><r:description>correct description</r:description></r:item></r:channel></r:rss>`;
    const { items, warnings } = await parseFeed(xml, BASE);
    expect(items).toEqual([{ title: 'Item 1', text: 'correct description', link: 'https://e.com/1', site: 'e.com' }]);
    expect(warnings).toEqual(['read <r:rss> as <rss> with namespace prefix "r:" removed from 6 element names']);
  });

  it('reads RSS 1.0 with prefixed RSS elements (previously an empty feed) and prefixed Atom', async () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/">
      <rss:channel rdf:about="x"><rss:title>c</rss:title></rss:channel>
      <rss:item rdf:about="https://e.com/1"><rss:title>R1</rss:title><rss:link>https://e.com/1</rss:link></rss:item></rdf:RDF>`;
    const r = await parseFeed(rdf, BASE);
    expect(r.items.map((i) => i.link)).toEqual(['https://e.com/1']);
    expect(r.warnings).toEqual(['read <rdf:RDF> with namespace prefix "rss:" removed from 5 element names']);
    const atom = `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:entry><a:id>1</a:id><a:title>A1</a:title>
      <a:updated>2024-05-01T10:00:00Z</a:updated></a:entry></a:feed>`;
    expect((await parseFeed(atom, BASE)).items).toEqual([{ guid: '1', title: 'A1', text: '', publishedAt: '2024-05-01T10:00:00.000Z' }]);
  });

  it('leaves an atom:link inside plain RSS 2.0 alone', async () => {
    const xml = `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><atom:link href="https://e.com/feed" rel="self"/>
      <item><title>t</title><link>https://e.com/1</link></item></channel></rss>`;
    expect(await parseFeed(xml, BASE)).toEqual({ items: [{ title: 't', text: '', link: 'https://e.com/1', site: 'e.com' }], warnings: [] });
  });

  it('reads a CDF channel: HREF resolved against BASE, ABSTRACT as text, LASTMOD as date, sub-channels too', async () => {
    const xml = `<CHANNEL BASE="http://base.example.org/" HREF="http://www.example.org/"><TITLE>channel</TITLE>
      <ITEM HREF="/item/1" LASTMOD="2004-04-06T23:05:43-05:00"><TITLE>item title</TITLE><ABSTRACT>item abstract</ABSTRACT></ITEM>
      <CHANNEL><ITEM HREF="https://other.example/2"><TITLE>nested</TITLE></ITEM></CHANNEL></CHANNEL>`;
    const { items, warnings } = await parseFeed(xml, BASE);
    expect(items).toEqual([
      {
        title: 'item title',
        text: 'item abstract',
        link: 'http://base.example.org/item/1',
        site: 'base.example.org',
        publishedAt: '2004-04-07T04:05:43.000Z',
      },
      { title: 'nested', text: '', link: 'https://other.example/2', site: 'other.example' },
    ]);
    expect(warnings).toEqual(['read <CHANNEL> (CDF) as an RSS channel: 2 items']);
  });

  it('still rejects formats that are not feeds', async () => {
    expect(await reason('<opml version="2.0"><body><outline text="x"/></body></opml>')).toBe('Feed not recognized as RSS 1 or 2.');
    expect(await reason('<x:feed xmlns:x="http://example.com/not-atom"><x:entry/></x:feed>')).toBe('Feed not recognized as RSS 1 or 2.');
  });
});

describe('text before the first tag', () => {
  const feed = '<rss version="2.0"><channel><item><title>t</title></item></channel></rss>';

  it('drops invisible characters (space then BOM, zero-width space, NUL) before the first tag', async () => {
    for (const junk of [' \uFEFF', '\u200B', '\u0000\n']) {
      const r = await parseFeed(`${junk}${feed}`, BASE);
      expect(r.items.map((i) => i.title)).toEqual(['t']);
      expect(r.warnings).toEqual([`removed ${junk.length} invisible characters before the first tag`]);
    }
  });

  it('drops a server notice before the XML declaration or between it and the root', async () => {
    const before = await parseFeed(`Notice: Undefined index: q in feed.php on line 3\n<?xml version="1.0"?>${feed}`, BASE);
    expect(before.items).toHaveLength(1);
    expect(before.warnings).toEqual(['removed 49 characters of text ("Notice: Undefined index: q in feed.php on line 3") before the first tag']);
    const after = await parseFeed(`<?xml version="1.0"?>\nWarning: x\n${feed}`, BASE);
    expect(after.items).toHaveLength(1);
    expect(after.warnings).toEqual(['removed 12 characters of text ("Warning: x") before the first tag']);
  });

  it('keeps rejecting a licence text or a JSON document', async () => {
    expect(await reason('feedparser license\n\nCopyright (C) Kurt McKee <contactme@example.org>\nAll rights reserved.')).toBe(
      'Non-whitespace before first tag.',
    );
    expect(await reason('{"version": "https://jsonfeed.org/version/1", "items": [{"content_html": "<p>x</p><rss>"}]}')).toBe(
      'Non-whitespace before first tag.',
    );
  });
});

describe('hostile 5 MB bodies', () => {
  const MB5 = 5 * 1024 * 1024;

  it('repairs a 5 MB item full of broken entities and a truncation, keeping exactly the complete items', async () => {
    const unit = `&${'a'.repeat(70)} & &#; &#xZZ; &check; <![CDATA[&]]> <!-- & --> `;
    const noise = unit.repeat(Math.ceil(MB5 / unit.length));
    const xml = `<rss version="2.0"><channel><item><title>big</title><description>${noise}</description></item>` +
      `<item><title>small &amp; fine</title></item><item><title>cut <![CDATA[ </item> ${'<!-- '.repeat(1000)}`;
    expect(xml.length).toBeGreaterThan(MB5);
    const { items, warnings } = await parseFeed(xml, BASE);
    expect(items.map((i) => i.title)).toEqual(['big', 'small & fine']);
    const repeats = Math.ceil(MB5 / unit.length);
    expect(items[0]?.text.startsWith(`&${'a'.repeat(70)} & &#; &#xZZ; ✓ & `)).toBe(true);
    expect(warnings).toEqual([
      `repaired ${repeats * 5} invalid entities (${repeats} HTML named, ${repeats * 4} bare & or unknown)`,
      'feed truncated after 2 items: the document ends before its root element is closed',
    ]);
  });

  it('rejects at once 5 MB of "<!" declarations the XML parser would chew on for hours', async () => {
    expect(await reason(`<rss><channel>${'<!'.repeat(MB5 / 2)}`)).toBe('Runaway markup declaration (<!...)');
    const many = `<rss version="2.0"><channel>${`<!x${'a'.repeat(256)}>`.repeat(MB5 / 260)}</channel></rss>`;
    expect(await reason(many)).toBe('Runaway markup declaration (<!...)');
    const fine = `<rss version="2.0"><channel><!x-short><item><title>t</title></item></channel></rss>`;
    expect((await parseFeed(fine, BASE)).items).toHaveLength(1);
  });

  it('repairs a body of many short "<!a>" declarations in one forward pass (was quadratic: seconds per MB)', async () => {
    const filler = '<!a>'.repeat(640_000);
    const entities = `<rss version="2.0"><channel><title>AT&T caf&eacute; &check;</title>${filler}<item><title>x</title></item></channel></rss>`;
    expect((await parseFeed(entities, BASE)).items.map((i) => i.title)).toEqual(['x']);
    const cut = `<rss version="2.0"><channel><title>t</title>${filler}<item><title>ok</title></item><item><title>cut`;
    expect((await parseFeed(cut, BASE)).items.map((i) => i.title)).toEqual(['ok']);
  });
});
