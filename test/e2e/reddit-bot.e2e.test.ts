import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build.js';
import { silentLogger } from '../../src/shared/logger.js';
import { recordingSink, tempBot, type RecordingSink } from '../support/temp-config.js';
import { startRedditStandin } from '../support/reddit-standin.js';

/**
 * The whole bot through the real composition root (buildApp) against the Reddit stand-in: snoowrap over OAuth with
 * credentials from the environment, or the public .rss listings without them. Offline sentiment model, lowdb files.
 */

const UA = 'node:brand-listening-e2e:0.1.0 (by /u/tester)';
const RAW_AUTHORS = ['zz_backfill_author', 'zz_angry_poster', 'zz_happy_poster', 'zz_commenter_one', 'zz_commenter_two'];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

async function start(env: Record<string, string>, reddit: Record<string, unknown>): Promise<{ app: App; sink: RecordingSink; dataDir: string }> {
  const bot = tempBot({
    brands: [{ name: 'Nimbus', aliases: ['Nimbus Cloud'] }],
    sources: { feeds: [], reddit: { subreddits: ['somesub'], ...reddit } },
    settings: { alerts: { highReach: { minEngagement: 500 } } },
  });
  cleanups.push(() => rmSync(bot.root, { recursive: true, force: true }));
  const sink = recordingSink();
  const app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env, logger: silentLogger(), sink, demo: false });
  cleanups.push(() => app.close());
  return { app, sink, dataDir: bot.dataDir };
}

/** each call a second later than the last: a tick at that time finds the sources (interval 50 ms) due, without waiting */
let ahead = 0;
const later = (): Date => new Date(Date.now() + (ahead += 1_000));

describe('the bot end to end on Reddit (stand-in speaking the OAuth API and .rss listings)', () => {
  it('GIVEN Reddit credentials THEN backfill is silent, new posts and comments become pseudonymous mentions with reach, and a high-reach negative post alerts', async () => {
    const standin = await startRedditStandin();
    cleanups.push(() => standin.close());
    const old = standin.addPost({ subreddit: 'somesub', title: 'Nimbus had an awful outage last year', selftext: 'terrible', author: RAW_AUTHORS[0], score: 5000, numComments: 10 });
    standin.addPost({ subreddit: 'somesub', title: 'Unrelated chatter about lunch', author: 'zz_unrelated' });
    const env = {
      REDDIT_CLIENT_ID: standin.credentials.clientId,
      REDDIT_CLIENT_SECRET: standin.credentials.clientSecret,
      REDDIT_REFRESH_TOKEN: standin.credentials.refreshToken,
      REDDIT_USER_AGENT: UA,
      REDDIT_API_URL: standin.url,
      REDDIT_AUTH_URL: standin.url,
    };
    const { app, sink, dataDir } = await start(env, { intervalSeconds: 0.05, requestsPerMinute: 600, comments: true });
    const ids = app.sources().map((s) => s.id).sort();
    expect(ids).toEqual(['reddit-r-somesub-comments', 'reddit-r-somesub-posts', 'reddit-search-nimbus']);

    // first tick: the existing post is stored as backfill and raises nothing, however negative and loud it is
    const first = await app.tick(new Date());
    expect(first.failed).toEqual([]);
    expect(first.mentions).toBe(1);
    expect(first.backfilled).toBe(1);
    expect(sink.alerts.map((x) => [x.alert.rule, x.alert.title])).toEqual([]);
    expect(standin.tokensIssued).toBe(1);
    expect(standin.apiRequests().every((r) => r.userAgent === UA && r.authorization === 'Bearer tok-1')).toBe(true);

    // new activity on Reddit
    const angry = standin.addPost({
      subreddit: 'somesub', title: 'Nimbus is terrible: worst service ever, I hate it', selftext: 'Nimbus lost my data. Awful, bad, terrible.',
      author: RAW_AUTHORS[1], score: 900, numComments: 0,
    });
    const happy = standin.addPost({ subreddit: 'somesub', title: 'Nimbus Cloud is great, love the new dashboard', selftext: 'excellent work', author: RAW_AUTHORS[2], score: 12 });
    const comment = standin.addComment({ postId: happy.id, body: 'Agreed, Nimbus support was great and helpful', author: RAW_AUTHORS[3], score: 7 });
    // a reply in the thread: matched through its thread, but scored on its own words, not the post's praise
    const reply = standin.addComment({ postId: happy.id, body: 'Not for me, it crashed twice and lost my files', author: RAW_AUTHORS[4] });
    standin.addComment({ postId: standin.addPost({ subreddit: 'somesub', title: 'Lunch ideas' }).id, body: 'soup', author: 'zz_offtopic' });
    const second = await app.tick(later());
    expect(second.failed).toEqual([]);
    expect(second.mentions).toBe(4);
    expect(second.backfilled).toBe(0);

    const mentions = await app.store.queryMentions({ brand: 'Nimbus', limit: 100 });
    expect(mentions).toHaveLength(5);
    const byTitle = (t: string) => mentions.find((m) => m.title.startsWith(t))!;
    const byUrlEnd = (id: string) => mentions.find((m) => m.url?.endsWith(`/${id}/`))!;
    const a = byTitle('Nimbus is terrible');
    expect(a).toMatchObject({
      sourceKind: 'reddit', site: 'r/somesub', backfill: false, reach: { score: 900, comments: 0 },
    });
    expect(a.url).toMatch(new RegExp(`^https://www\\.reddit\\.com/r/somesub/comments/${angry.id}/nimbus_is_terrible[a-z_]*/$`));
    expect(a.sentiment.label).toBe('negative');
    expect(a.sentiment.classifier).toMatch(/^local:/);
    const h = byTitle('Nimbus Cloud is great');
    expect(h.reach).toEqual({ score: 12, comments: 2 });
    expect(h.sentiment.label).toBe('positive');
    const r = byUrlEnd(reply.id);
    expect(r).toMatchObject({ title: 'Comment on: Nimbus Cloud is great, love the new dashboard', parentKey: `t3_${happy.id}` });
    expect(r.sentiment.label).toBe('negative');
    const c = byUrlEnd(comment.id);
    expect(c).toMatchObject({ sourceId: 'reddit-r-somesub-comments', site: 'r/somesub', parentKey: `t3_${happy.id}`, reach: { score: 7 } });
    expect(c.url).toBe(`https://www.reddit.com/r/somesub/comments/${happy.id}/nimbus_cloud_is_great_love_the_new_dashboard/${comment.id}/`);
    expect(byTitle('Nimbus had an awful outage').backfill).toBe(true);
    expect(old.id).toBeTruthy();

    // authors are pseudonymised: a stable opaque value in the mention, the raw name nowhere on disk
    for (const m of mentions) {
      expect(m.author).toBeDefined();
      expect(RAW_AUTHORS).not.toContain(m.author);
    }
    expect(new Set(mentions.map((m) => m.author)).size).toBe(5);
    const files = filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(0);
    const disk = files.map((f) => readFileSync(f, 'latin1')).join('\n');
    expect(disk).toContain(angry.id); // the files really hold the mentions
    for (const raw of RAW_AUTHORS) expect(disk).not.toContain(raw);

    // the high-reach negative post (score 900 >= 500) reached the chat sink, with its Reddit link
    expect(sink.alerts.map((x) => x.alert.rule).filter((r) => r !== 'trending-topic')).toEqual(['high-reach-negative']);
    const hr = sink.alerts.filter((x) => x.alert.rule === 'high-reach-negative');
    expect(hr).toHaveLength(1);
    expect(hr[0]!.alert.brand).toBe('Nimbus');
    expect(hr[0]!.alert.explanation.observed).toBe(900);
    expect(hr[0]!.alert.mentions[0]!.url).toBe(a.url);
    expect(hr[0]!.alert.mentions.map((m) => m.url)).not.toContain(`https://www.reddit.com/r/somesub/comments/${old.id}/nimbus_had_an_awful_outage_last_year/`);

    // a quiet tick: nothing new stored, the alert is not sent again
    const third = await app.tick(later());
    expect(third.failed).toEqual([]);
    expect(third.mentions).toBe(0);
    expect(sink.alerts.filter((x) => x.alert.rule === 'high-reach-negative')).toHaveLength(1);

    const status = await app.api.status(new Date());
    const reddit = status.sources.filter((s) => s.kind === 'reddit');
    expect(reddit.map((s) => s.sourceId).sort()).toEqual(ids);
    for (const s of reddit) {
      expect(s.lastSuccessAt).toBeDefined();
      expect(s.consecutiveFailures).toBe(0);
    }
    // how fresh each Reddit target is, from the shared budget's point of view
    expect(status.reddit).toHaveLength(ids.length);
    for (const f of status.reddit ?? []) expect(f.lastPolledAt).toBeDefined();
    expect(standin.violations).toBe(0);
  }, 8_000);

  it('GIVEN no Reddit credentials THEN the public .rss listings are polled instead and their posts are stored', async () => {
    const standin = await startRedditStandin();
    cleanups.push(() => standin.close());
    const p = standin.addPost({ subreddit: 'somesub', title: 'Nimbus pricing went up again', selftext: 'not happy with Nimbus', author: 'zz_rss_author', score: 3 });
    standin.addPost({ subreddit: 'somesub', title: 'Nothing to see here', author: 'zz_other' });
    const { app, dataDir } = await start({}, { rssFallback: true, rssUrl: standin.url, rssIntervalSeconds: 0.05 });
    expect(app.sources().map((s) => s.id).sort()).toEqual(['reddit-rss-r-somesub', 'reddit-rss-search-nimbus']);
    expect(app.sources().every((s) => s.kind === 'rss')).toBe(true);

    const r = await app.tick(new Date());
    expect(r.failed).toEqual([]);
    expect(r.mentions).toBe(1); // the same post in the subreddit listing and in the search is one mention
    const [m] = await app.store.queryMentions({ brand: 'Nimbus' });
    expect(m).toMatchObject({ title: 'Nimbus pricing went up again', url: `https://www.reddit.com/r/somesub/comments/${p.id}/nimbus_pricing_went_up_again/` });
    expect(m!.author).not.toContain('zz_rss_author');
    expect(standin.apiRequests()).toHaveLength(0);
    expect(standin.requests.map((q) => q.path).sort()).toEqual(['/r/somesub/new/.rss', '/search.rss']);
    expect(standin.requests.every((q) => q.authorization === undefined)).toBe(true);
    const disk = filesUnder(dataDir).map((f) => readFileSync(f, 'latin1')).join('\n');
    expect(disk).not.toContain('zz_rss_author');

    // a new post shows up in the next poll of the listing
    standin.addPost({ subreddit: 'somesub', title: 'Nimbus status page is down', author: 'zz_rss_author2' });
    const next = await app.tick(later());
    expect(next.failed).toEqual([]);
    expect(next.mentions).toBe(1);
    expect(next.backfilled).toBe(0);
  }, 8_000);
});
