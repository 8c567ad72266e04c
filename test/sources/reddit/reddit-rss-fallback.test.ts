import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Parser from 'rss-parser';
import { startRedditStandin, type RedditStandin } from '../../support/reddit-standin.js';
import { isRedditUserAgent, redditRssUrls, redditSearchQuery, redditUserAgent } from '../../../src/sources/reddit/index.js';

describe('redditRssUrls', () => {
  it('builds credential-free listing and search URLs with feed-safe ids', () => {
    const urls = redditRssUrls({ baseUrl: 'https://www.reddit.com/', brands: [{ name: 'Acme & Co', query: '"Acme" OR "Acme & Co"' }], subreddits: ['AcmeFans'] });
    expect(urls).toEqual([
      { id: 'reddit-rss-r-acmefans', url: 'https://www.reddit.com/r/AcmeFans/new/.rss' },
      { id: 'reddit-rss-search-acme-co', url: 'https://www.reddit.com/search.rss?q=%22Acme%22%20OR%20%22Acme%20%26%20Co%22&sort=new' },
    ]);
    for (const u of urls) expect(u.id).toMatch(/^[a-z0-9][a-z0-9._-]*$/i);
  });

  it('redditSearchQuery quotes name and aliases once each', () => {
    expect(redditSearchQuery('Acme', ['ACME', 'Acme "Corp"', ' '])).toBe('"Acme" OR "Acme Corp"');
  });
});

describe('user agent', () => {
  it("builds and recognises Reddit's form", () => {
    const ua = redditUserAgent({ appId: 'brand-bot', version: '0.1.0', username: 'u/alice' });
    expect(ua).toBe('node:brand-bot:0.1.0 (by /u/alice)');
    expect(isRedditUserAgent(ua)).toBe(true);
    expect(isRedditUserAgent('Mozilla/5.0')).toBe(false);
  });
});

describe('stand-in Atom listings (for the integrator: RSS fallback)', () => {
  let standin: RedditStandin;
  beforeEach(async () => {
    standin = await startRedditStandin();
  });
  afterEach(async () => {
    await standin.close();
  });

  it('serves /r/<sub>/new/.rss and /search.rss as Atom that rss-parser reads, without credentials', async () => {
    const post = standin.addPost({ subreddit: 'acme', title: 'Acme <b>fails</b> & more', selftext: 'so bad', author: 'carol', createdUtc: 1_800_000_000 });
    standin.addPost({ subreddit: 'other', title: 'not acme-related? acme!', createdUtc: 1_800_000_100 });
    const [sub, search] = redditRssUrls({ baseUrl: standin.url, brands: [{ name: 'Acme', query: '"acme"' }], subreddits: ['acme'] });
    const parser = new Parser();
    const load = async (url: string) => {
      const res = await fetch(url);
      expect(res.headers.get('content-type')).toContain('application/atom+xml');
      return parser.parseString(await res.text());
    };
    const feed = await load(sub!.url);
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({
      title: 'Acme <b>fails</b> & more',
      link: `https://www.reddit.com/r/acme/comments/${post.id}/acme_b_fails_b_more/`,
      id: `t3_${post.id}`,
      author: '/u/carol',
      isoDate: '2027-01-15T08:00:00.000Z',
    });
    expect(feed.items[0]!.content).toContain('so bad');
    expect((await load(search!.url)).items.map((i) => i.title)).toEqual(['not acme-related? acme!', 'Acme <b>fails</b> & more']);
    expect(standin.requests.every((r) => r.authorization === undefined)).toBe(true);
  });
});
