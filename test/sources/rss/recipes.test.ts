import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { sourcesFileSchema } from '../../../src/config/schema.js';
import { authorCandidates } from '../../../src/app/erasure.js';
import { itemKey } from '../../../src/matching/identity.js';
import { authorFromLink } from '../../../src/sources/rss/link-author.js';
import { parseFeed, unwrapRedirect } from '../../../src/sources/rss/parse-feed.js';
import type { FeedItem } from '../../../src/sources/rss/parse-feed.js';

/**
 * The recipes of docs/SOURCES.md: each network's feed format, stored as a hand-written fixture in that format, read
 * through parseFeed (what the rss source runs on every poll), and each sources.yaml snippet of the page validated by
 * the config schema, so the page cannot drift from the code.
 */

const FIXTURES = 'test/fixtures/sources/';

async function parseFixture(file: string, url: string): Promise<FeedItem[]> {
  const { items, warnings } = await parseFeed(readFileSync(FIXTURES + file, 'utf8'), url);
  expect(warnings).toEqual([]);
  return items;
}

/** The key ingest gives the item (its identity across polls and restarts), computed twice from two parses. */
async function stableKeys(file: string, url: string): Promise<string[]> {
  const keys = async (): Promise<string[]> =>
    (await parseFixture(file, url)).map((item) => itemKey({ ...item, sourceId: 'recipe', sourceKind: 'rss' }));
  const first = await keys();
  expect(await keys()).toEqual(first);
  expect(new Set(first).size).toBe(first.length);
  return first;
}

describe('recipes: Hacker News (hnrss.org)', () => {
  it('/newest?q= gives the story title, the article link (or the HN thread for Ask HN), author and date', async () => {
    const url = 'https://hnrss.org/newest?q=Nimbus';
    const [story, ask] = await parseFixture('hnrss-newest.xml', url);
    expect(story).toMatchObject({
      title: 'Show HN: A Nimbus sync client in 300 lines of Rust',
      link: 'https://blog.example.org/nimbus-sync',
      site: 'blog.example.org',
      author: 'ferris_fan',
      publishedAt: '2026-12-01T09:58:41.000Z',
      guid: 'https://news.ycombinator.com/item?id=42000001',
    });
    expect(story?.text).toContain('Points: 12');
    expect(ask).toMatchObject({
      title: 'Ask HN: Is anyone else seeing Nimbus outages today?',
      link: 'https://news.ycombinator.com/item?id=42000002',
      author: 'opsgrumbler',
      publishedAt: '2026-12-01T09:12:07.000Z',
    });
    expect(ask?.text).toMatch(/^Our uploads have failed since 08:00 UTC & support is silent\./);
    await stableKeys('hnrss-newest.xml', url);
  });

  it('/newcomments?q= gives one item per comment, with the comment text and its permalink', async () => {
    const [comment] = await parseFixture('hnrss-newcomments.xml', 'https://hnrss.org/newcomments?q=Nimbus');
    expect(comment).toEqual({
      title: 'New comment by ops_anna in "Ask HN: Is anyone else seeing Nimbus outages today?"',
      text: 'Same here. Nimbus status page says "degraded", which is generous.',
      guid: 'https://news.ycombinator.com/item?id=42000010',
      link: 'https://news.ycombinator.com/item?id=42000010',
      site: 'news.ycombinator.com',
      author: 'ops_anna',
      publishedAt: '2026-12-01T09:30:15.000Z',
    });
  });
});

describe('recipes: Mastodon', () => {
  it('/tags/<tag>.rss: no title, the post as text (HTML stripped), its permalink on the author’s instance, the author from it', async () => {
    const url = 'https://mastodon.social/tags/nimbus.rss';
    const [local, remote] = await parseFixture('mastodon-tag.rss', url);
    expect(local).toEqual({
      title: '',
      text: 'Switched the team to #Nimbus last week and the sync is fast.',
      guid: 'https://mastodon.social/@cloudwatcher/113590000000000001',
      link: 'https://mastodon.social/@cloudwatcher/113590000000000001',
      site: 'mastodon.social',
      author: 'cloudwatcher',
      publishedAt: '2026-12-01T09:41:00.000Z',
    });
    expect(remote).toMatchObject({ title: '', link: 'https://fosstodon.org/@ana/113589000000000002', site: 'fosstodon.org', author: 'ana' });
    await stableKeys('mastodon-tag.rss', url);
  });

  it('/@<user>.rss: the account’s public posts, same item shape', async () => {
    const [post] = await parseFixture('mastodon-account.rss', 'https://mastodon.social/@nimbus.rss');
    expect(post).toMatchObject({
      title: '',
      text: 'We are investigating delayed uploads for some EU customers. Updates at status.nimbus.example',
      link: 'https://mastodon.social/@nimbus/113585000000000003',
      author: 'nimbus',
      publishedAt: '2026-11-30T16:00:00.000Z',
    });
  });

  it('the author is the name forget --author reads from the profile URL, so an erasure finds the posts', async () => {
    const [post] = await parseFixture('mastodon-account.rss', 'https://mastodon.social/@nimbus.rss');
    expect(authorCandidates('https://mastodon.social/@nimbus')).toContain(post?.author);
    expect(authorCandidates('@nimbus')).toContain(post?.author);
  });
});

describe('recipes: YouTube channel (Atom with yt: and media:)', () => {
  it('gives the video title, the media:description as text, the watch link, the channel as author', async () => {
    const url = 'https://www.youtube.com/feeds/videos.xml?channel_id=UCxN1mbUsExample0000000a';
    const [video] = await parseFixture('youtube-channel.xml', url);
    expect(video).toEqual({
      title: 'Nimbus vs Stratus: which cloud drive in 2027?',
      text: 'We tested both for a month. Nimbus syncs faster; Stratus is cheaper. Chapters: 00:00 Intro',
      guid: 'yt:video:dQw4Nimbus1',
      link: 'https://www.youtube.com/watch?v=dQw4Nimbus1',
      site: 'www.youtube.com',
      author: 'Cloud Reviews Weekly',
      publishedAt: '2026-11-30T15:00:06.000Z',
    });
    await stableKeys('youtube-channel.xml', url);
  });
});

describe('recipes: Google Alerts (Atom, links wrapped in google.com/url)', () => {
  const url = 'https://www.google.com/alerts/feeds/06807031914929345698/10863003839811734743';

  it('unwraps the redirect: link and site are the article’s; <b> removed from the title; empty author dropped', async () => {
    const [alert] = await parseFixture('google-alerts.xml', url);
    expect(alert).toEqual({
      title: 'Nimbus outage leaves thousands unable to reach files',
      text: 'A storage outage at Nimbus left customers in Europe without access to their files for most of Tuesday morning ...',
      guid: 'tag:google.com,2013:googlealerts/feed:9207843200312284713',
      link: 'https://news.example.com/tech/2026/12/01/nimbus-outage',
      site: 'news.example.com',
      publishedAt: '2026-12-01T09:45:00.000Z',
    });
  });

  it('so an alert and the publisher’s own feed store the article once (same key)', async () => {
    const [alert] = await parseFixture('google-alerts.xml', url);
    const fromPublisher = { title: 'Nimbus outage', text: '', link: 'https://news.example.com/tech/2026/12/01/nimbus-outage' };
    expect(itemKey({ ...alert!, sourceId: 'alerts', sourceKind: 'rss' })).toBe(
      itemKey({ ...fromPublisher, sourceId: 'publisher', sourceKind: 'rss' }),
    );
  });

  it('unwraps only Google’s /url redirect with an http(s) target', () => {
    const href = (u: string): string => unwrapRedirect(new URL(u)).href;
    expect(href('https://www.google.com/url?q=https://a.example/x%3Fy%3D1&sa=U')).toBe('https://a.example/x?y=1');
    expect(href('https://google.co.uk/url?url=https://a.example/')).toBe('https://a.example/');
    expect(href('https://www.google.com/url?url=javascript:alert(1)')).toBe('https://www.google.com/url?url=javascript:alert(1)');
    expect(href('https://www.google.com/search?url=https://a.example/')).toBe('https://www.google.com/search?url=https://a.example/');
    expect(href('https://evil.example/url?url=https://a.example/')).toBe('https://evil.example/url?url=https://a.example/');
  });
});

describe('recipes: Bluesky profile', () => {
  it('/profile/<handle>/rss: no title, the post as text, the post link, the at:// URI as guid, the DID as author', async () => {
    const url = 'https://bsky.app/profile/nimbus.example.com/rss';
    const [latest, older] = await parseFixture('bluesky-profile.rss', url);
    expect(latest).toEqual({
      title: '',
      text: 'Uploads are back to normal for every region. Sorry for the trouble this morning & thanks for your patience.',
      guid: 'at://did:plc:abcd1234efgh5678ijkl9012/app.bsky.feed.post/3lbxyzexample2',
      link: 'https://bsky.app/profile/did:plc:abcd1234efgh5678ijkl9012/post/3lbxyzexample2',
      site: 'bsky.app',
      author: 'did:plc:abcd1234efgh5678ijkl9012',
      publishedAt: '2026-12-01T11:05:00.000Z',
    });
    expect(authorCandidates('https://bsky.app/profile/did:plc:abcd1234efgh5678ijkl9012')).toContain(latest?.author);
    expect(older?.publishedAt).toBe('2026-12-01T08:20:00.000Z');
    await stableKeys('bluesky-profile.rss', url);
  });
});

describe('authorFromLink', () => {
  const author = (u: string): string | undefined => authorFromLink(new URL(u));
  it('reads only a Mastodon status or Bluesky post permalink', () => {
    expect(author('https://fosstodon.org/@ana/113589000000000002')).toBe('ana');
    expect(author('https://bsky.app/profile/nimbus.example.com/post/3lbw')).toBe('nimbus.example.com');
    expect(author('https://medium.com/@ana/why-nimbus-3f2a9c')).toBeUndefined();
    expect(author('https://fosstodon.org/@ana')).toBeUndefined();
    expect(author('https://bsky.app/profile/nimbus.example.com')).toBeUndefined();
    expect(author('https://news.example.com/2026/12/01')).toBeUndefined();
  });
});

describe('recipes: Stack Exchange tag (Atom)', () => {
  it('gives the question title, its summary as text, the question link, the asker and the creation date', async () => {
    const url = 'https://stackoverflow.com/feeds/tag/nimbus-sdk';
    const [question] = await parseFixture('stackexchange-tag.xml', url);
    expect(question).toEqual({
      title: 'Nimbus SDK upload() hangs after token refresh',
      text: 'After the access token is refreshed, client.upload() never resolves.',
      guid: 'https://stackoverflow.com/q/79990001',
      link: 'https://stackoverflow.com/questions/79990001/nimbus-sdk-upload-hangs-after-token-refresh',
      site: 'stackoverflow.com',
      author: 'dev_k',
      publishedAt: '2026-12-01T09:31:55.000Z',
    });
    await stableKeys('stackexchange-tag.xml', url);
  });
});

describe('docs/SOURCES.md', () => {
  const markdown = readFileSync('docs/SOURCES.md', 'utf8');
  const blocks = [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

  it('has a sources.yaml snippet per network, each valid against the config schema, polled every 5 min or less often', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    const hosts = new Set<string>();
    for (const block of blocks) {
      const parsed = sourcesFileSchema.safeParse(parseYaml(block));
      expect(parsed.error?.issues ?? [], block).toEqual([]);
      const feeds = parsed.data?.feeds ?? [];
      expect(feeds.length, block).toBeGreaterThan(0);
      for (const feed of feeds) {
        expect(feed.intervalSeconds, feed.url).toBeGreaterThanOrEqual(300);
        expect(feed.id, feed.url).toBeDefined();
        hosts.add(new URL(feed.url).hostname);
      }
    }
    for (const host of ['hnrss.org', 'mastodon.social', 'www.youtube.com', 'www.google.com', 'bsky.app', 'stackoverflow.com']) {
      expect(hosts, host).toContain(host);
    }
  });

  it('names no feed id twice, so the snippets can be pasted together into one sources.yaml', () => {
    const ids = blocks.flatMap((block) => sourcesFileSchema.parse(parseYaml(block)).feeds.map((f) => f.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
