import { describe, expect, it } from 'vitest';
import type { RawItem } from '../../src/domain/types.js';
import { canonicalLink, isGlobalGuid, itemKey, PseudonymKeyError, pseudonymiseAuthor } from '../../src/matching/identity.js';

const item = (over: Partial<RawItem>): RawItem => ({ sourceId: 'feed-a', sourceKind: 'rss', title: 'Acme raises prices', text: '', ...over });

describe('canonicalLink', () => {
  it.each([
    ['HTTPS://News.Example.COM:443/a/b/?utm_source=x&utm_medium=rss&id=7#top', 'https://news.example.com/a/b?id=7'],
    ['http://example.com:80/', 'http://example.com'],
    ['http://example.com:8080/x', 'http://example.com:8080/x'],
    ['https://example.com/p?b=2&a=1&fbclid=abc&gclid=z&mc_cid=1&mc_eid=2', 'https://example.com/p?a=1&b=2'],
    ['https://example.com/p?UTM_Campaign=x', 'https://example.com/p'],
    ['https://example.com/Path/Case', 'https://example.com/Path/Case'],
    ['https://user:pw@example.com/x', 'https://example.com/x'],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalLink(input)).toBe(expected);
  });

  it('is undefined for anything but an http(s) URL', () => {
    expect(canonicalLink('not a url')).toBeUndefined();
    expect(canonicalLink('mailto:a@b.c')).toBeUndefined();
    expect(canonicalLink('urn:uuid:1234')).toBeUndefined();
  });
});

describe('itemKey', () => {
  it('gives the same article seen via two feeds with the same link one key, despite different local guids', () => {
    const a = item({ sourceId: 'feed-a', guid: '101', link: 'https://news.example.com/acme-prices?utm_source=feed-a' });
    const b = item({ sourceId: 'feed-b', guid: 'xyz', link: 'http://www.news.example.com/acme-prices/#comments' });
    expect(itemKey(a)).toBe(itemKey(b));
  });

  it('keeps articles with different links apart', () => {
    expect(itemKey(item({ link: 'https://example.com/a' }))).not.toBe(itemKey(item({ link: 'https://example.com/b' })));
  });

  it('scopes a short guid by its source', () => {
    const a = item({ sourceId: 'feed-a', guid: '42' });
    expect(itemKey(a)).toBe(itemKey(item({ sourceId: 'feed-a', guid: '42', title: 'edited title' })));
    expect(itemKey(a)).not.toBe(itemKey(item({ sourceId: 'feed-b', guid: '42' })));
  });

  it('uses a globally unique guid across sources', () => {
    for (const guid of ['urn:uuid:5f0b7c2e-8c4e-4d55-9e1a-0c1d2e3f4a5b', 'tag:example.com,2026:post-1', 'reddit:t3_abc123']) {
      expect(itemKey(item({ sourceId: 'a', guid }))).toBe(itemKey(item({ sourceId: 'b', guid })));
    }
  });

  it('treats a URL guid like a link, so guid=permalink and a link-only feed agree', () => {
    expect(itemKey(item({ sourceId: 'a', guid: 'https://example.com/post/1' }))).toBe(itemKey(item({ sourceId: 'b', link: 'https://example.com/post/1/' })));
  });

  it('prefers the guid over a bare homepage link shared by every item of a feed', () => {
    const a = item({ guid: 'p1', link: 'https://example.com/' });
    const b = item({ guid: 'p2', link: 'https://example.com/' });
    expect(itemKey(a)).not.toBe(itemKey(b));
  });

  it('falls back to a hash of source, normalised title and publishedAt', () => {
    const a = item({ title: '  Acme   Raises prices ', publishedAt: '2026-01-01T00:00:00.000Z' });
    expect(itemKey(a)).toBe(itemKey(item({ title: 'acme raises PRICES', publishedAt: '2026-01-01T00:00:00.000Z' })));
    expect(itemKey(a)).not.toBe(itemKey(item({ title: 'acme raises prices', publishedAt: '2026-01-02T00:00:00.000Z' })));
    expect(itemKey(a)).toMatch(/^h_[0-9a-f]{32}$/);
  });

  it('classifies guids', () => {
    expect(isGlobalGuid('12345')).toBe(false);
    expect(isGlobalGuid('5f0b7c2e-8c4e-4d55-9e1a-0c1d2e3f4a5b')).toBe(true);
    expect(isGlobalGuid('a'.repeat(40))).toBe(true);
  });
});

describe('pseudonymiseAuthor', () => {
  it('is a stable, keyed, prefixed hash that ignores case and surrounding spaces', () => {
    const p = pseudonymiseAuthor('Jane Doe', 'k1');
    expect(p).toMatch(/^a_[0-9a-f]{16}$/);
    expect(pseudonymiseAuthor(' jane doe ', 'k1')).toBe(p);
    expect(pseudonymiseAuthor('Jane Doe', 'k2')).not.toBe(p);
    expect(pseudonymiseAuthor('John Doe', 'k1')).not.toBe(p);
    expect(p).not.toContain('jane');
  });

  it('refuses an empty key', () => {
    expect(() => pseudonymiseAuthor('x', '')).toThrow(PseudonymKeyError);
  });
});
