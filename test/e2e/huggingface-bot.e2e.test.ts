import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build.js';
import { silentLogger } from '../../src/shared/logger.js';
import { UNSUPPORTED_LANGUAGE_CLASSIFIER } from '../../src/classify/routing.js';
import type { Mention } from '../../src/domain/types.js';
import { recordingSink, tempBot } from '../support/temp-config.js';
import { startFeedServer } from '../support/feed-server.js';
import { loading, startHfStandin, type HfStandin } from '../support/hf-standin.js';
import { until } from '../support/until.js';

/**
 * The whole bot through the real composition root (buildApp) with HF_TOKEN set: the real @huggingface/inference
 * client against the Hugging Face stand-in (sentiment, multilingual sentiment and zero-shot on separate paths),
 * failing over to the offline model during an outage and coming back after the cool-down. Items come from an RSS feed.
 */

const MODEL = 'e2e/sentiment-model';
const MULTI = 'e2e/multilingual-model';
const ZERO = 'e2e/zero-shot-model';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** a tick this much later than the last one makes the feed (interval 50 ms) due again, without waiting for it */
const later = (ms = 1_000): Date => new Date(Date.now() + ms);

/** An RSS 2.0 feed whose items can be added between polls. */
async function growingFeed() {
  const items: { id: string; title: string; text: string; at: Date }[] = [];
  const server = await startFeedServer({
    '/feed.xml': (_req, res) => {
      const body = items
        .map((i) => `<item><title>${esc(i.title)}</title><description>${esc(i.text)}</description><link>https://news.example.com/${i.id}</link><guid>https://news.example.com/${i.id}</guid><pubDate>${i.at.toUTCString()}</pubDate></item>`)
        .join('');
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>News</title><link>https://news.example.com/</link>${body}</channel></rss>`);
    },
  });
  let n = 0;
  return {
    url: `${server.url}/feed.xml`,
    add: (title: string, text = ''): string => {
      const id = `story-${++n}`;
      items.push({ id, title, text, at: new Date(Date.now() - 1000) });
      return `https://news.example.com/${id}`;
    },
    close: () => server.close(),
  };
}

async function start(hf: HfStandin, feedUrl: string, classifier: Record<string, unknown> = {}): Promise<App> {
  const bot = tempBot({
    brands: [{ name: 'Nimbus', topics: { pricing: ['price hike', 'too expensive'], reliability: ['outage', 'downtime'] } }],
    sources: { feeds: [{ id: 'news', url: feedUrl, intervalSeconds: 0.05 }], reddit: { enabled: false } },
    settings: {
      classifier: {
        huggingface: {
          model: MODEL, multilingualModel: MULTI, zeroShotModel: ZERO,
          multilingualEndpointUrl: `${hf.url}/multilingual`, zeroShotEndpointUrl: `${hf.url}/zero-shot`,
          failureThreshold: 1, cooldownSeconds: 1.5, ...classifier,
        },
      },
    },
  });
  cleanups.push(() => rmSync(bot.root, { recursive: true, force: true }));
  const app = await buildApp({
    configDir: bot.configDir, dataDir: bot.dataDir, env: { HF_TOKEN: 'hf_e2e_token', HF_ENDPOINT_URL: `${hf.url}/sentiment` }, logger: silentLogger(), sink: recordingSink(), demo: false,
  });
  cleanups.push(() => app.close());
  return app;
}

const sentimentCalls = (hf: HfStandin, path: string): number => hf.requests.filter((r) => r.path === path).length;

describe('the bot end to end with Hugging Face inference (stand-in), failing over to the offline model', () => {
  it('GIVEN HF_TOKEN THEN mentions are scored by HF, French by the multilingual model, topics by zero-shot; an outage loses nothing and HF is back after the cool-down', async () => {
    const hf = await startHfStandin();
    cleanups.push(() => hf.close());
    const feed = await growingFeed();
    cleanups.push(() => feed.close());
    const great = feed.add('Nimbus is great, I love the new release');
    const french = feed.add('Nimbus est vraiment mauvais, le service client est nul et personne ne répond jamais');
    const rel = feed.add('Nimbus reliability questioned after a weekend of errors');
    feed.add('Unrelated weather report for the weekend');
    const app = await start(hf, feed.url);
    const byUrl = async (): Promise<Map<string, Mention>> => new Map((await app.store.queryMentions({ brand: 'Nimbus', limit: 100 })).map((m) => [m.url ?? '', m]));

    // 1. healthy endpoint
    const first = await app.tick(new Date());
    expect(first.failed).toEqual([]);
    expect(first.mentions).toBe(3);
    let m = await byUrl();
    expect(m.get(great)!.sentiment).toMatchObject({ classifier: `hf:${MODEL}`, label: 'positive' });
    expect(m.get(rel)!.sentiment.classifier).toBe(`hf:${MODEL}`);
    expect(m.get(french)!.sentiment).toMatchObject({ classifier: `hf:${MULTI}`, label: 'negative', language: 'fr' });
    expect(hf.requests.filter((r) => r.path === '/multilingual').map((r) => r.body.inputs)).toEqual([expect.stringContaining('Nimbus est vraiment mauvais')]);
    expect(hf.requests.filter((r) => r.path === '/sentiment').map((r) => r.body.inputs)).not.toContainEqual(expect.stringContaining('vraiment'));
    expect(hf.requests.every((r) => r.headers.authorization === 'Bearer hf_e2e_token')).toBe(true);
    // zero-shot topics: the label "reliability" is in the text, none of its keywords is (keywords would tag nothing)
    expect(m.get(rel)!.topics).toEqual(['reliability']);
    expect(m.get(great)!.topics).toEqual([]);
    const zs = hf.requests.filter((r) => r.path === '/zero-shot');
    expect(zs).toHaveLength(3);
    expect(zs[0]!.body.parameters).toMatchObject({ candidate_labels: ['pricing', 'reliability'] });
    expect(app.classifier.state?.()).toBe('closed');

    // 2. a storm of 503s (model loading, estimated_time 10 ms): every mention is still stored, scored offline
    hf.storm(loading(0.01));
    const before = hf.requests.length;
    const storm = Array.from({ length: 5 }, (_, i) => feed.add(`Nimbus storm item ${i}: the pricing is terrible and I hate it`));
    const frStorm = feed.add('Nimbus a encore augmenté ses prix, vraiment mauvais pour les clients fidèles');
    const t0 = performance.now();
    const second = await app.tick(later());
    const stormMs = performance.now() - t0;
    expect(second.failed).toEqual([]);
    expect(second.mentions).toBe(6);
    expect(stormMs).toBeLessThan(3000);
    m = await byUrl();
    for (const u of storm) expect(m.get(u)!.sentiment.classifier).toMatch(/^local:/);
    expect(m.get(storm[0]!)!.sentiment.label).toBe('negative');
    expect(m.get(frStorm)!.sentiment).toMatchObject({ classifier: UNSUPPORTED_LANGUAGE_CLASSIFIER, unsupportedLanguage: true, language: 'fr' });
    // zero-shot failed too: topics came from the keywords ("pricing" is only the label, no keyword is in the text)
    expect(m.get(storm[0]!)!.topics).toEqual([]);
    // bounded: at most 3 tries per text in flight (5 English + 1 French) and one zero-shot try per text
    const stormRequests = hf.requests.length - before;
    expect(stormRequests).toBeLessThanOrEqual(5 * 3 + 1 * 3 + 6);
    expect(app.classifier.state?.()).toBe('open');

    // 3. while the circuit is open (cool-down 1.5 s, long enough for a loaded CI machine), the endpoint is not called at all
    const sentimentBefore = sentimentCalls(hf, '/sentiment');
    const during = feed.add('Nimbus still down for me, awful');
    expect((await app.tick(later(2_000))).mentions).toBe(1);
    expect(sentimentCalls(hf, '/sentiment')).toBe(sentimentBefore);
    expect((await byUrl()).get(during)!.sentiment.classifier).toMatch(/^local:/);

    // 4. the endpoint recovers; after the cool-down the next batch goes to HF again and closes the circuit
    hf.storm(undefined);
    await until(() => app.classifier.state?.() === 'half-open', { what: 'the circuit to half-open after its cool-down' });
    const back = feed.add('Nimbus is back and great again');
    const third = await app.tick(later(3_000));
    expect(third.mentions).toBe(1);
    expect((await byUrl()).get(back)!.sentiment).toMatchObject({ classifier: `hf:${MODEL}`, label: 'positive' });
    expect(app.classifier.state?.()).toBe('closed');
    // nothing was lost over the whole run
    expect((await app.store.queryMentions({ brand: 'Nimbus', limit: 100 })).length).toBe(3 + 6 + 1 + 1);
  }, 8_000);

  it('GIVEN the multilingual endpoint fails for good THEN French mentions are stored labelled unsupportedLanguage, English still by HF', async () => {
    const hf = await startHfStandin();
    const multilingual = await startHfStandin();
    cleanups.push(() => hf.close(), () => multilingual.close());
    multilingual.storm(loading(0.01));
    const feed = await growingFeed();
    cleanups.push(() => feed.close());
    const fr = feed.add('Nimbus est vraiment mauvais, le service client est nul et personne ne répond jamais');
    const en = feed.add('Nimbus is great, I love it');
    const app = await start(hf, feed.url, { multilingualEndpointUrl: multilingual.url });
    const r = await app.tick(new Date());
    expect(r.mentions).toBe(2);
    const got = new Map((await app.store.queryMentions({ brand: 'Nimbus' })).map((x) => [x.url, x]));
    expect(got.get(en)!.sentiment.classifier).toBe(`hf:${MODEL}`);
    expect(got.get(fr)!.sentiment).toMatchObject({ unsupportedLanguage: true, classifier: UNSUPPORTED_LANGUAGE_CLASSIFIER, language: 'fr' });
    // the French text went to the multilingual endpoint (3 tries), never to the English model
    expect(multilingual.requests.map((q) => q.body.inputs)).toEqual(Array(3).fill(expect.stringContaining('Nimbus est vraiment mauvais')));
    expect(hf.requests.filter((q) => q.path === '/sentiment').map((q) => q.body.inputs)).toEqual([expect.stringContaining('Nimbus is great')]);
  }, 8_000);
});
