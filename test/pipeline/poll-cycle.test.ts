import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../src/store/lowdb/index.js';
import { runPollCycle, type PollCycleDeps } from '../../src/pipeline/poll-cycle.js';
import { createKeywordTopicTagger } from '../../src/classify/topics.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { RawItem, Sentiment } from '../../src/domain/types.js';
import type { MentionSource } from '../../src/sources/source.js';
import type { Store } from '../../src/store/store.js';
import { observationsOf, scratchMetrics, valueOf } from '../../src/shared/metrics.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const neutral: Sentiment = { label: 'neutral', confidence: 1, scores: { negative: 0, neutral: 1, positive: 0 }, classifier: 'test' };
const item = (id: string, daysAgo: number): RawItem => ({ sourceId: 's', sourceKind: 'rss', guid: `urn:t:${id}`, link: `https://ex.example/${id}`, title: `Acme news ${id}`, text: '', publishedAt: new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString() });

describe('poll cycle', () => {
  let dir = '';
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function deps(items: RawItem[], fail: boolean | Error = false): PollCycleDeps {
    const failure = fail instanceof Error ? fail : new Error('HTTP 500');
    const source: MentionSource = { id: 's', kind: 'rss', intervalSeconds: 60, describe: 'test feed', poll: () => (fail ? Promise.reject(failure) : Promise.resolve({ items, state: { etag: 'x' } })) };
    return {
      store: store!,
      logger: silentLogger(),
      sources: () => [source],
      ingest: () => ({ brands: [{ name: 'Acme', aliases: [], competitors: [], topics: {}, crisisKeywords: [], reddit: false }], classifier: { name: 'test', state: () => 'offline', classify: (t) => Promise.resolve(t.map(() => neutral)) }, topics: createKeywordTopicTagger(), authors: 'pseudonymise', authorKey: 'k'.repeat(16) }),
      random: () => 0.5,
      pollDeadlineMs: 5000,
      concurrency: 2,
      maxItemAgeDays: 90,
      metrics: scratchMetrics(),
    };
  }

  it('GIVEN items older than the retention window THEN they are not stored (retention would otherwise bring them back forever)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cycle-'));
    store = await openLowdbStore({ dir, logger: silentLogger() });
    const d = deps([item('new', 1), item('old', 200)]);
    const r = await runPollCycle(d, NOW);
    expect(r.mentions).toBe(1);
    expect((await store.queryMentions({ limit: 10 })).map((m) => m.title)).toEqual(['Acme news new']);
    expect(await valueOf(d.metrics.items, { source: 's', outcome: 'too_old' })).toBe(1);
    expect(await valueOf(d.metrics.items, { source: 's', outcome: 'new' })).toBe(1);
    expect(await valueOf(d.metrics.polls, { source: 's', outcome: 'ok' })).toBe(1);
    // a source's first poll is backfill: stored, counted apart, never alerted on
    expect(await valueOf(d.metrics.mentions, { brand: 'Acme', outcome: 'backfill' })).toBe(1);
    expect(await observationsOf(d.metrics.pollSeconds, { source: 's' })).toBe(1);
    expect(await observationsOf(d.metrics.classifySeconds)).toBe(1);
    expect(await observationsOf(d.metrics.commitSeconds)).toBe(1);
  });

  it('GIVEN a first poll then the same items again THEN the first is stored silently and nothing is stored twice', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cycle-'));
    store = await openLowdbStore({ dir, logger: silentLogger() });
    const first = await runPollCycle(deps([item('a', 1), item('b', 1)]), NOW);
    expect(first).toMatchObject({ mentions: 2, backfilled: 2 });
    const second = await runPollCycle(deps([item('a', 1), item('b', 1), item('c', 0)]), new Date(NOW.getTime() + 120_000));
    expect(second).toMatchObject({ newItems: 1, mentions: 1, backfilled: 0 });
    expect(await store.sourceState('s')).toEqual({ etag: 'x' });
  });

  it('GIVEN a failing source THEN it is backed off, its state is untouched, and after 11 failures it is disabled with a notice', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cycle-'));
    store = await openLowdbStore({ dir, logger: silentLogger() });
    let t = NOW.getTime();
    for (let i = 0; i < 11; i++) {
      const r = await runPollCycle(deps([], true), new Date(t));
      expect(r.failed).toHaveLength(1);
      t += 7 * 3_600_000; // past any backoff
    }
    const [h] = await store.sourceHealth();
    expect(h).toMatchObject({ sourceId: 's', consecutiveFailures: 11, disabled: true });
    expect(h?.lastError).toMatch(/HTTP 500/);
    const notices = (await store.outboxDue(new Date(8.64e15))).filter((e) => e.payload.kind === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.payload.kind === 'notice' && notices[0].payload.notice.text).toMatch(/failed 11 times/);
    const after = await runPollCycle(deps([], true), new Date(t + 86_400_000));
    expect(after.polled).toEqual([]);
  });

  it('GIVEN a source failing with an internal TypeError THEN the failure reason people read is not the engine message', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cycle-'));
    store = await openLowdbStore({ dir, logger: silentLogger() });
    const r = await runPollCycle(deps([], new TypeError("Cannot read properties of undefined (reading 'rel')")), NOW);
    expect(r.failed).toHaveLength(1);
    const [h] = await store.sourceHealth();
    expect(h?.lastError).toMatch(/internal error/);
    expect(h?.lastError).not.toMatch(/Cannot read properties/);
  });
});
