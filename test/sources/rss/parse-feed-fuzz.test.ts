import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/sources/rss/parse-feed.js';
import { FeedParseError } from '../../../src/sources/rss/feed-errors.js';
import { generateRssXml } from '../../../bench/parse-bench.js';

const BASE = 'https://example.com/feed.xml';
const valid = generateRssXml(3, 7);
const atom =
  '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title type="xhtml"><div>x</div></title>' +
  '<published>2024-01-01T00:00:00Z</published><link href="a"/><author><name>n</name></author></entry></feed>';

/** Resolves to 'ok' or the error; anything but FeedParseError is a defect. */
async function outcome(xml: string): Promise<unknown> {
  try {
    const res = await parseFeed(xml, BASE);
    for (const item of res.items) {
      expect(typeof item.title).toBe('string');
      if (item.publishedAt !== undefined) expect(Number.isNaN(Date.parse(item.publishedAt))).toBe(false);
      if (item.link !== undefined) expect(item.link).toMatch(/^https?:\/\//);
    }
    return 'ok';
  } catch (err) {
    return err;
  }
}

describe('parseFeed on damaged input', () => {
  it('only ever resolves or rejects with FeedParseError (truncations and insertions of a valid feed)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(valid, atom),
        fc.nat(),
        fc.string({ maxLength: 12 }),
        fc.boolean(),
        async (doc, at, insert, truncate) => {
          const cut = at % (doc.length + 1);
          const xml = truncate ? doc.slice(0, cut) : doc.slice(0, cut) + insert + doc.slice(cut);
          const result = await outcome(xml);
          expect(result === 'ok' || result instanceof FeedParseError).toBe(true);
        },
      ),
      { numRuns: 300, seed: 1234 },
    );
  });

  it('repairs any invalid Atom date text instead of rejecting the feed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 20 }).filter((s) => !/[<&]/.test(s)), async (date) => {
        const xml = atom.replace('2024-01-01T00:00:00Z', date);
        const res = await parseFeed(xml, BASE);
        expect(res.items).toHaveLength(1);
      }),
      { numRuns: 200, seed: 99 },
    );
  });
});
