import { readFileSync, rmSync } from 'node:fs';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build.js';
import { silentLogger } from '../../src/shared/logger.js';
import { valueOf } from '../../src/shared/metrics.js';
import { buildSample } from '../../src/demo/sample-content.js';
import { DEMO_ITEM_BASE } from '../../src/demo/demo-server.js';
import { recordingSink, tempBot } from '../support/temp-config.js';
import { startHfStandin, type HfStandinOptions } from '../support/hf-standin.js';
import { until } from '../support/until.js';

/**
 * Incident summaries worded by a chat model: the whole bot (buildApp) on the bundled demo with HF_TOKEN set, the real
 * @huggingface/inference client against the stand-in (sentiment and chat completions on their own paths). The bot
 * checks the model's text before posting it; a text with figures of its own, or an outage of the model, posts the
 * bot's extractive summary instead, and nothing is lost or posted twice.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const NEGATIVE = /\b(outage|lost|furious|worst|breach|angry|horrible|broken|down)\b/i;
const STORED_URL = /https:\/\/sample\.brand-bot\.invalid\/posts\/l\d+/;

async function runDemo(chat: HfStandinOptions['chat'], summaries: Record<string, unknown> = {}) {
  const hf = await startHfStandin({ negativeWords: NEGATIVE, ...(chat ? { chat } : {}) });
  cleanups.push(() => hf.close());
  const shipped = parse(readFileSync('config/sources.yaml', 'utf8')) as { feeds: { intervalSeconds: number }[] };
  const bot = tempBot({
    brands: (parse(readFileSync('config/brands.yaml', 'utf8')) as { brands: unknown }).brands,
    sources: { ...shipped, feeds: shipped.feeds.map((f) => ({ ...f, intervalSeconds: 0.02 })) },
    settings: {
      demo: { enabled: true, revealEverySeconds: 0.02 },
      classifier: {
        huggingface: {
          multilingualEndpointUrl: `${hf.url}/multilingual`,
          zeroShotEndpointUrl: `${hf.url}/zero-shot`,
          failureThreshold: 2,
          cooldownSeconds: 3600,
          summaries: { model: 'e2e/chat-model', endpointUrl: `${hf.url}/chat`, maxTokens: 90, ...summaries },
        },
      },
    },
  });
  cleanups.push(() => rmSync(bot.root, { recursive: true, force: true }));
  const sink = recordingSink();
  const app: App = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: { HF_TOKEN: 'hf_e2e_token', HF_ENDPOINT_URL: `${hf.url}/sentiment` }, logger: silentLogger(), sink });
  cleanups.push(() => app.close());
  const live = buildSample(20).filter((i) => i.id.startsWith('l'));
  const lastUrl = `${DEMO_ITEM_BASE}/posts/${live[live.length - 1]!.id}`;
  await until(
    async () => {
      await app.tick(new Date());
      return (await app.store.queryMentions({ limit: 100_000 })).some((m) => m.url === lastUrl);
    },
    { timeoutMs: 20_000, everyMs: 20, what: 'the demo burst to be stored' },
  );
  await app.tick(new Date());
  const incidents = [...sink.alerts.map((a) => a.alert), ...sink.updates.map((u) => u.alert)].filter((a) => a.brand === 'Nimbus' && a.summary);
  return { hf, app, sink, incidents, chatCalls: hf.requests.filter((r) => r.path.endsWith('/chat/completions')) };
}

async function storedUrls(app: App): Promise<Set<string>> {
  return new Set((await app.store.queryMentions({ limit: 100_000 })).flatMap((m) => (m.url ? [m.url] : [])));
}

describe('incident summaries worded by a Hugging Face chat model (stand-in), checked by the bot', () => {
  it('GIVEN a faithful model THEN the incident message carries its sentence, then the bot’s quote of a stored mention, and says who worded it', async () => {
    const { app, incidents, chatCalls } = await runDemo(undefined);
    expect(incidents.length).toBeGreaterThan(0);
    expect(chatCalls.length).toBeGreaterThan(0);
    // the request: the configured model at its own endpoint, bounded output, the facts (not mention text) as input
    const call = chatCalls[0]!;
    expect(call.path).toBe('/chat/v1/chat/completions');
    expect(call.headers.authorization).toBe('Bearer hf_e2e_token');
    expect(call.body.max_tokens).toBe(90);
    expect(call.body.messages?.find((m) => m.role === 'user')?.content).toMatch(/^Brand: Nimbus\nCounted: \d+ (negative )?mentions/);
    const urls = await storedUrls(app);
    for (const a of incidents.filter((x) => x.summaryBy)) {
      expect(a.summaryBy).toBe('hf:e2e/chat-model');
      expect(a.summary).toMatch(/^Most of the \d+ (negative )?mentions are about "/);
      expect(a.summary!.length).toBeGreaterThanOrEqual(60);
      const link = STORED_URL.exec(a.summary!)?.[0];
      expect(link && urls.has(link)).toBe(true);
      expect(a.summaryCites?.length).toBe(1);
      // the facts are not posted (nor stored in the outbox)
      expect(a.summaryFacts).toBeUndefined();
    }
    expect(incidents.filter((x) => x.summaryBy).length).toBeGreaterThan(0);
    expect(await valueOf(app.metrics.summaries, { outcome: 'phrased' })).toBeGreaterThan(0);
  }, 40_000);

  it('GIVEN a model that invents a figure THEN its text is never posted: the extractive summary is, with its stored quote', async () => {
    const { app, incidents, chatCalls } = await runDemo(() => 'About 42 % of people say the outage is caused by a bad update and they will leave.');
    expect(chatCalls.length).toBeGreaterThan(0);
    expect(incidents.length).toBeGreaterThan(0);
    const urls = await storedUrls(app);
    for (const a of incidents) {
      expect(a.summaryBy).toBeUndefined();
      expect(a.summary).not.toMatch(/42|caused/);
      expect(a.summary).toMatch(/People mostly talk about|share no common theme/);
      const link = STORED_URL.exec(a.summary!)?.[0];
      expect(link && urls.has(link)).toBe(true);
    }
    expect(await valueOf(app.metrics.summaries, { outcome: 'rejected' })).toBe(chatCalls.length);
  }, 40_000);

  it('GIVEN the chat model down THEN incidents post the extractive summary, the breaker stops calling after 2 failures, and a human is told once', async () => {
    const { app, hf, sink, incidents } = await runDemo(() => ({ status: 500, body: { error: 'Internal Server Error' } }));
    expect(incidents.length).toBeGreaterThan(0);
    for (const a of incidents) expect(a.summaryBy).toBeUndefined();
    // the digests want summaries too: the second failure opens the circuit, and the third brand's is not asked for
    await app.enqueueDigests(new Date());
    await app.deliver(new Date());
    expect(sink.digests).toHaveLength(3);
    for (const d of sink.digests) expect(d.summaryBy).toBeUndefined();
    expect(sink.digests.filter((d) => d.summary).length).toBeGreaterThanOrEqual(2);
    expect(hf.requests.filter((r) => r.path.endsWith('/chat/completions')).length).toBe(2);
    expect(await valueOf(app.metrics.summaries, { outcome: 'failed' })).toBe(2);
    expect(await valueOf(app.metrics.summaries, { outcome: 'skipped' })).toBeGreaterThanOrEqual(1);
    const notices = sink.notices.filter((n) => n.title.startsWith('Summary model unavailable'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toMatch(/extractive/);
    const ids = sink.alerts.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  }, 40_000);
});
