import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { startHealthServer } from '../../src/http/health-server.js';
import { buildApp } from '../../src/app/build.js';
import { healthSnapshot } from '../../src/app/commands.js';
import { scratchMetrics } from '../../src/shared/metrics.js';
import { silentLogger } from '../../src/shared/logger.js';
import { recordingSink, tempBot } from '../support/temp-config.js';

interface Family {
  help?: string;
  type?: string;
  samples: { name: string; labels: string; value: number }[];
}

/** Parse Prometheus text exposition into families (by the name in # HELP / # TYPE) and their samples. */
function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const family = (name: string): Family => families.get(name) ?? (families.set(name, { samples: [] }), families.get(name)!);
  const typeOf = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (meta) {
      const f = family(meta[2]!);
      if (meta[1] === 'HELP') f.help = meta[3];
      else {
        f.type = meta[3];
        typeOf.set(meta[2]!, meta[3]!);
      }
      continue;
    }
    const sample = /^([^\s{]+)(\{[^}]*\})? (\S+)$/.exec(line);
    expect(sample, `not a sample line: ${line}`).not.toBeNull();
    const name = sample![1]!;
    // a histogram's samples are <family>_bucket, _sum and _count
    const base = typeOf.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
    expect(typeOf.has(base), `sample ${name} has no # TYPE before it`).toBe(true);
    family(base).samples.push({ name, labels: sample![2] ?? '', value: Number(sample![3]) });
  }
  return families;
}

describe('health and metrics endpoint', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('GIVEN a registry THEN /metrics serves it in Prometheus text and /healthz follows the health verdict', async () => {
    let ok = true;
    const m = scratchMetrics({ sources: ['rss:a'] });
    m.polls.inc({ source: 'rss:a', outcome: 'failed' }, 2);
    const s = await startHealthServer({ host: '127.0.0.1', port: 0, registry: m.registry, snapshot: () => Promise.resolve({ ok, details: { sources: 3 } }) });
    try {
      const res = await fetch(`${s.url}/metrics`);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      expect(text).toContain('brandbot_polls_total{source="rss:a",outcome="failed"} 2');
      expect(text).toContain('brandbot_polls_total{source="rss:a",outcome="ok"} 0');
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      ok = false;
      const bad = await fetch(`${s.url}/healthz`);
      expect(bad.status).toBe(503);
      expect(await bad.json()).toMatchObject({ ok: false, sources: 3 });
      expect((await fetch(`${s.url}/other`)).status).toBe(404);
    } finally {
      await s.close();
    }
  });

  it('GIVEN the bot after one cycle THEN every family has HELP and TYPE, names are snake_case, counters end in _total, durations are _seconds histograms, process metrics are there', async () => {
    const bot = tempBot({ brands: [{ name: 'Acme' }, { name: 'Globex' }] });
    cleanup.push(() => rmSync(bot.root, { recursive: true, force: true }));
    const feed = join(bot.root, 'feed.xml');
    writeFileSync(
      feed,
      `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://ex.example/</link><description>d</description>
      <item><title>Acme ships a new thing</title><link>https://ex.example/1</link><pubDate>${new Date().toUTCString()}</pubDate></item>
      </channel></rss>`,
    );
    writeFileSync(
      join(bot.configDir, 'sources.yaml'),
      `feeds:\n  - { id: good, url: "${pathToFileURL(feed).href}" }\n  - { id: missing, url: "${pathToFileURL(join(bot.root, 'nope.xml')).href}" }\nreddit: { enabled: false, rssFallback: false }\n`,
    );
    const app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink: recordingSink(), demo: false });
    cleanup.push(() => app.close());
    const server = await startHealthServer({ host: '127.0.0.1', port: 0, registry: app.metrics.registry, snapshot: () => healthSnapshot(app) });
    cleanup.push(() => server.close());
    const scrape = async (): Promise<Map<string, Family>> => parseExposition(await (await fetch(`${server.url}/metrics`)).text());

    // before any poll: every configured source and brand already has its series, at 0
    const before = await scrape();
    const ids = app.sources().map((s) => s.id);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(before.get('brandbot_polls_total')!.samples.filter((x) => x.labels.includes(`source="${id}"`)).map((x) => x.value)).toEqual([0, 0]);
    for (const brand of ['Acme', 'Globex']) {
      expect(before.get('brandbot_mentions_total')!.samples.some((x) => x.labels === `{brand="${brand}",outcome="live"}` && x.value === 0)).toBe(true);
      expect(before.get('brandbot_alert_decisions_total')!.samples.some((x) => x.labels === `{brand="${brand}",rule="negative-spike",outcome="sent"}`)).toBe(true);
    }

    await app.tick(new Date());
    const families = await scrape();
    for (const [name, f] of families) {
      expect(f.help, `${name} has # HELP`).toBeTruthy();
      expect(f.type, `${name} has # TYPE`).toBeTruthy();
      expect(name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      if (f.type === 'counter') expect(name).toMatch(/_total$/);
      // (prom-client's own gauge nodejs_active_resources_total is the one exception, outside our prefix)
      else if (name.startsWith('brandbot_')) expect(name).not.toMatch(/_total$/);
    }
    const ours = [...families.keys()].filter((n) => n.startsWith('brandbot_'));
    expect(ours.length).toBeGreaterThanOrEqual(10);
    const histograms = [...families].filter(([n, f]) => f.type === 'histogram' && n.endsWith('_seconds')).map(([n]) => n);
    expect(histograms).toEqual(expect.arrayContaining(['brandbot_poll_duration_seconds', 'brandbot_classify_duration_seconds', 'brandbot_commit_duration_seconds', 'brandbot_delivery_duration_seconds']));
    expect(families.get('process_cpu_seconds_total')?.type).toBe('counter');
    expect(families.get('process_resident_memory_bytes')?.type).toBe('gauge');
    expect([...families.keys()].some((n) => n.startsWith('nodejs_'))).toBe(true);

    // what the cycle did is in the series: one poll ok, one failed, the first poll's mention counted as backfill
    const value = (family: string, labels: string): number | undefined => families.get(family)?.samples.find((x) => x.labels === labels)?.value;
    const good = ids.find((id) => id.includes('good'))!;
    const missing = ids.find((id) => id.includes('missing'))!;
    expect(value('brandbot_polls_total', `{source="${good}",outcome="ok"}`)).toBe(1);
    expect(value('brandbot_polls_total', `{source="${missing}",outcome="failed"}`)).toBe(1);
    expect(value('brandbot_items_total', `{source="${good}",outcome="new"}`)).toBe(1);
    expect(value('brandbot_mentions_total', '{brand="Acme",outcome="backfill"}')).toBe(1);
    expect(families.get('brandbot_poll_duration_seconds')!.samples.find((x) => x.name.endsWith('_count') && x.labels.includes(good))?.value).toBe(1);
    expect(families.get('brandbot_commit_duration_seconds')!.samples.find((x) => x.name.endsWith('_count'))?.value).toBe(1);
    // a brand added from chat gets its series at once
    await app.setOverrides({ ...app.overrides(), addedBrands: [{ name: 'Initech', aliases: [], competitors: [], topics: {}, crisisKeywords: [], reddit: false }] });
    const later = await scrape();
    expect(later.get('brandbot_mentions_total')!.samples.some((x) => x.labels === '{brand="Initech",outcome="live"}' && x.value === 0)).toBe(true);
    expect(later.get('brandbot_alert_decisions_total')!.samples.some((x) => x.labels === '{brand="Initech",rule="crisis-keyword",outcome="muted"}')).toBe(true);
    // gauges are read at scrape time
    expect(value('brandbot_sources', '{state="failing"}')).toBe(1);
    expect(value('brandbot_sources', '{state="ok"}')).toBe(1);
  });

  it('GIVEN two sets of metrics THEN each counts on its own registry (no global state shared between them)', async () => {
    const a = scratchMetrics();
    const b = scratchMetrics();
    expect(a.registry).toBeInstanceOf(Registry);
    a.chatConnectFailures.inc(3);
    expect(await a.registry.metrics()).toContain('brandbot_chat_connect_failures_total 3');
    expect(await b.registry.metrics()).toContain('brandbot_chat_connect_failures_total 0');
  });
});
