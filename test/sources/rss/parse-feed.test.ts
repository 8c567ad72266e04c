import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/sources/rss/parse-feed.js';
import { FeedParseError } from '../../../src/sources/rss/feed-errors.js';
import { htmlToText } from '../../../src/sources/rss/html-text.js';

const BASE = 'https://news.example.com/feeds/main.xml';

const atomWithBadDate = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
  <entry><id>urn:1</id><title>First good</title><published>2024-05-01T10:00:00Z</published><link href="/posts/1"/>
    <author><name>Ann</name></author><content type="html">&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;</content></entry>
  <entry><id>urn:2</id><title>Bad date</title><published>yesterday-ish</published><link href="https://other.example.org/x"/></entry>
  <entry><id>urn:3</id><title>Third good</title><updated>2024-05-03T10:00:00+02:00</updated><link href="p3"/></entry>
</feed>`;

describe('parseFeed', () => {
  it('keeps the good items of an Atom feed with one invalid date (rss-parser alone rejects the whole feed)', async () => {
    const { items, warnings } = await parseFeed(atomWithBadDate, BASE);
    expect(items.map((i) => i.title)).toEqual(['First good', 'Bad date', 'Third good']);
    expect(items[0]).toMatchObject({
      guid: 'urn:1',
      link: 'https://news.example.com/posts/1',
      site: 'news.example.com',
      author: 'Ann',
      text: 'Hello world',
      publishedAt: '2024-05-01T10:00:00.000Z',
    });
    expect(items[1]?.publishedAt).toBeUndefined();
    expect(items[1]?.site).toBe('other.example.org');
    expect(items[2]).toMatchObject({ link: 'https://news.example.com/feeds/p3', publishedAt: '2024-05-03T08:00:00.000Z' });
    expect(warnings.join('\n')).toMatch(/urn:2.*invalid date/);
  });

  it('reads RSS 2.0: entities decoded, whitespace collapsed, HTML stripped without script/style, dc:creator', async () => {
    const xml = `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
      <item><guid isPermaLink="false">g-1</guid><title>  AT&amp;amp;T
        &lt;b&gt;rocks&lt;/b&gt;  &#8220;really&#8221; </title><link>/a?b=1&amp;c=2</link>
        <dc:creator>Bob</dc:creator><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>
        <description>short</description>
        <content:encoded><![CDATA[<p>Full&nbsp;text</p><script>alert("x")</script><style>p{color:red}</style><div>more</div>]]></content:encoded></item>
      <item><title>No date</title><pubDate>garbage</pubDate><link>javascript:alert(1)</link></item>
    </channel></rss>`;
    const { items, warnings } = await parseFeed(xml, BASE);
    expect(items[0]).toEqual({
      guid: 'g-1',
      title: 'AT&T rocks “really”',
      text: 'Full text more',
      link: 'https://news.example.com/a?b=1&c=2',
      site: 'news.example.com',
      author: 'Bob',
      publishedAt: '2003-06-10T04:00:00.000Z',
    });
    expect(items[1]?.link).toBeUndefined();
    expect(items[1]?.publishedAt).toBeUndefined();
    expect(warnings.some((w) => w.includes('javascript:'))).toBe(true);
  });

  it('reads RSS 1.0 (RDF) and version-less <rss>', async () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <channel rdf:about="x"><title>c</title></channel><item rdf:about="http://e.com/1"><title>R1</title><link>http://e.com/1</link></item></rdf:RDF>`;
    expect((await parseFeed(rdf, BASE)).items.map((i) => i.link)).toEqual(['http://e.com/1']);
    const bare = '<rss><channel><item><title>Bare</title></item></channel></rss>';
    expect((await parseFeed(bare, BASE)).items.map((i) => i.title)).toEqual(['Bare']);
  });

  it('reads an <rss> without <channel> as an empty feed with a warning (rss-parser alone throws a TypeError)', async () => {
    const res = await parseFeed('<rss version="2.0">\n</rss>', BASE);
    expect(res.items).toEqual([]);
    expect(res.warnings).toEqual(['<rss> has no <channel>: no items']);
  });

  it('caps the number of items with a warning', async () => {
    const items = Array.from({ length: 30 }, (_, i) => `<item><title>t${i}</title></item>`).join('');
    const res = await parseFeed(`<rss version="2.0"><channel>${items}</channel></rss>`, BASE, 10);
    expect(res.items).toHaveLength(10);
    expect(res.items[9]?.title).toBe('t9');
    expect(res.warnings.join()).toMatch(/30 items/);
  });

  it('rejects unreadable documents with FeedParseError and a short reason', async () => {
    const err = await parseFeed('<rss version="2.0"><channel><item></channel>', BASE).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedParseError);
    expect((err as FeedParseError).reason).not.toMatch(/Line:/);
    await expect(parseFeed('<html><body>nope</body></html>', BASE)).rejects.toBeInstanceOf(FeedParseError);
    await expect(parseFeed('', BASE)).rejects.toBeInstanceOf(FeedParseError);
  });
});

describe('htmlToText', () => {
  it.each([
    ['<p>a</p><p>b</p>', 'a b'],
    ['x <script type="text/javascript">var a = "<p>";</script> y', 'x y'],
    ['1 &lt; 2 &amp;&amp; 3 &gt; 2', '1 < 2 && 3 > 2'],
    ['a < b and c > d', 'a < b and c > d'],
    ['<!-- hidden --> shown', 'shown'],
    ['caf&eacute; &#x263A; &hellip;', 'café ☺ …'],
  ])('%s -> %s', (html, text) => expect(htmlToText(html)).toBe(text));
});
