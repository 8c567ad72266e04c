import { expect, it } from 'vitest';
import { OUTBOX_KEEP_SENT_MS } from '../../src/store/rollup-core.js';
import type { FeedbackRecord, OutboxEntry } from '../../src/store/store.js';
import type { ContractContext } from './contract-context.js';
import { batch } from './helpers.js';

/** The Store contract, second half: outbox, source state and health, kv, feedback. */

export function entry(id: string, createdAt: string, over: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    id, createdAt, notBefore: createdAt, status: 'pending', attempts: 0,
    payload: { kind: 'notice', notice: { id, level: 'info', title: `title ${id}`, text: `text ${id}`, createdAt } },
    ...over,
  };
}

const fb = (over: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  mentionKey: 'acme|1', text: 'so bad', label: 'negative', predicted: 'positive', classifier: 'local:x', by: 'u1', at: '2026-11-23T12:00:00.000Z', ...over,
});

const ids = (es: readonly OutboxEntry[]): string[] => es.map((e) => e.id);

export function describeOutboxContract(ctx: ContractContext): void {
  it('outbox: enqueueing an id again is a no-op (even with other content), through outboxEnqueue or a commit', async () => {
    const s = ctx.store();
    await s.outboxEnqueue([entry('a', '2026-11-23T09:00:00.000Z'), entry('a', '2026-11-23T09:00:00.000Z', { attempts: 5 })]);
    await s.outboxEnqueue([entry('a', '2026-11-23T09:00:00.000Z', { attempts: 9 })]);
    await s.commit(batch({ outbox: [entry('a', '2026-11-20T09:00:00.000Z'), entry('b', '2026-11-23T10:00:00.000Z')] }));
    const again = await ctx.reopen();
    expect(await again.outboxGet('a')).toEqual(entry('a', '2026-11-23T09:00:00.000Z'));
    expect(await again.outboxGet('b')).toEqual(entry('b', '2026-11-23T10:00:00.000Z'));
    expect(await again.outboxGet('zzz')).toBeUndefined();
    expect(await again.outboxCounts()).toEqual({ pending: 2, dead: 0 });
  });

  it('outboxDue: pending entries whose notBefore has passed, by createdAt (as instants), then seq, then id', async () => {
    const s = ctx.store();
    await s.outboxEnqueue([
      entry('late', '2026-11-23T11:00:00.000Z'),
      entry('s2', '2026-11-23T10:00:00.000Z', { seq: 2 }),
      entry('s1', '2026-11-23T11:00:00+01:00', { seq: 1 }),
      entry('s0b', '2026-11-23T10:00:00Z'),
      entry('s0a', '2026-11-23T10:00:00.000Z', { seq: 0 }),
      entry('early', '2026-11-23T08:00:00.000Z', { notBefore: '2026-11-23T13:00:00.000Z' }),
      entry('first', '2026-11-23T07:00:00.000Z'),
    ]);
    const again = await ctx.reopen();
    expect(ids(await again.outboxDue(new Date(NOW_ISO)))).toEqual(['first', 's0a', 's0b', 's1', 's2', 'late']);
    expect(ids(await again.outboxDue(new Date('2026-11-23T13:00:00.000Z')))).toEqual(['first', 'early', 's0a', 's0b', 's1', 's2', 'late']);
    expect(ids(await again.outboxDue(new Date('2026-11-23T09:59:59.999Z')))).toEqual(['first']);
    // dispatch reads every pending entry (it holds back newer ones behind one in backoff) with the largest JS date
    expect(ids(await again.outboxDue(new Date(8.64e15)))).toEqual(['first', 'early', 's0a', 's0b', 's1', 's2', 'late']);
    const [first] = await again.outboxDue(new Date(NOW_ISO));
    expect(first).toEqual(entry('first', '2026-11-23T07:00:00.000Z'));
  });

  it('outboxMarkSent and outboxMarkFailed update the entry (attempts, error, retry time, dead), persist, and reject an unknown id', async () => {
    const s = ctx.store();
    await s.outboxEnqueue([entry('a', '2026-11-23T09:00:00.000Z'), entry('b', '2026-11-23T10:00:00.000Z'), entry('c', '2026-11-23T11:00:00.000Z')]);
    await s.outboxMarkFailed('a', 'HTTP 500', '2026-11-23T12:35:00.000Z', false);
    await s.outboxMarkSent('a', '2026-11-23T12:36:00.000Z', 'msg-1');
    await s.outboxMarkFailed('b', 'HTTP 500', '2026-11-23T12:40:00.000Z', false);
    await s.outboxMarkFailed('c', 'HTTP 403', '2026-11-23T12:40:00.000Z', true);
    await s.outboxMarkSent('c', '2026-11-23T12:41:00.000Z');
    await s.outboxMarkFailed('c', 'HTTP 403', '2026-11-23T12:42:00.000Z', true);
    await expect(s.outboxMarkSent('zzz', NOW_ISO)).rejects.toThrow(/zzz/);
    await expect(s.outboxMarkFailed('zzz', 'x', NOW_ISO, false)).rejects.toThrow(/zzz/);
    const again = await ctx.reopen();
    const a = await again.outboxGet('a');
    expect(a).toMatchObject({ status: 'sent', sentAt: '2026-11-23T12:36:00.000Z', messageId: 'msg-1', attempts: 2 });
    expect(a?.lastError).toBeUndefined();
    expect(await again.outboxGet('b')).toMatchObject({ status: 'pending', lastError: 'HTTP 500', attempts: 1, notBefore: '2026-11-23T12:40:00.000Z' });
    expect(await again.outboxGet('c')).toMatchObject({ status: 'dead', lastError: 'HTTP 403', attempts: 3 });
    expect(await again.outboxCounts()).toEqual({ pending: 1, dead: 1 });
    expect(ids(await again.outboxDue(new Date('2026-11-23T12:39:59.999Z')))).toEqual([]);
    expect(ids(await again.outboxDue(new Date('2026-11-23T12:40:00.000Z')))).toEqual(['b']);
    expect(ids(await again.outboxDue(new Date('2026-12-23T00:00:00.000Z')))).toEqual(['b']);
  });

  it(`outbox: sent entries are kept ${OUTBOX_KEEP_SENT_MS / 86_400_000} days (for /explain and dedup), then pruned at the next enqueue`, async () => {
    const s = ctx.store();
    await s.outboxEnqueue([entry('a', '2026-11-23T09:00:00.000Z'), entry('b', '2026-11-23T09:00:00.000Z')]);
    await s.outboxMarkSent('a', '2026-11-23T12:31:00.000Z');
    ctx.setNow('2026-12-01T13:00:00.000Z');
    const later = await ctx.reopen();
    await later.outboxEnqueue([entry('c', '2026-12-01T13:00:00.000Z')]);
    expect(await later.outboxGet('a')).toBeDefined();
    await later.outboxEnqueue([entry('a', '2026-12-01T13:00:00.000Z')]);
    expect(await later.outboxGet('a')).toMatchObject({ status: 'sent', createdAt: '2026-11-23T09:00:00.000Z' });
    ctx.setNow('2026-12-29T13:00:00.000Z');
    const much = await ctx.reopen();
    await much.outboxEnqueue([entry('d', '2026-12-29T13:00:00.000Z')]);
    expect(await much.outboxGet('a')).toBeUndefined();
    expect(await much.outboxGet('b')).toBeDefined();
    expect(await much.outboxCounts()).toEqual({ pending: 3, dead: 0 });
  });

  it('source state and health: written by commit, overwritten per source, persisted', async () => {
    await ctx.store().commit(batch({
      sourceStates: { 'feed-a': { etag: 'W/"1"' }, 'feed-b': { cursor: 5 } },
      sourceHealth: [{ sourceId: 'feed-a', consecutiveFailures: 2, disabled: false, itemsSeen: 3, lastError: 'HTTP 500' }],
    }));
    await ctx.store().commit(batch({
      sourceStates: { 'feed-a': { etag: 'W/"2"', lastModified: 'Mon' } },
      sourceHealth: [{ sourceId: 'feed-a', consecutiveFailures: 0, disabled: false, itemsSeen: 4, lastSuccessAt: NOW_ISO }, { sourceId: 'feed-b', consecutiveFailures: 11, disabled: true, itemsSeen: 0 }],
    }));
    const s = await ctx.reopen();
    expect(await s.sourceState('feed-a')).toEqual({ etag: 'W/"2"', lastModified: 'Mon' });
    expect(await s.sourceState('feed-b')).toEqual({ cursor: 5 });
    expect(await s.sourceState('other')).toEqual({});
    const health = (await s.sourceHealth()).sort((x, y) => (x.sourceId < y.sourceId ? -1 : 1));
    expect(health).toEqual([
      { sourceId: 'feed-a', consecutiveFailures: 0, disabled: false, itemsSeen: 4, lastSuccessAt: NOW_ISO },
      { sourceId: 'feed-b', consecutiveFailures: 11, disabled: true, itemsSeen: 0 },
    ]);
  });

  it('kvUpdate: concurrent read-modify-writes of one key all land (none reads a value another is about to replace); undefined deletes', async () => {
    const s = ctx.store();
    const clicks = Array.from({ length: 40 }, (_, i) => `alert-${i}`);
    await Promise.all(clicks.map((id) => s.kvUpdate<Record<string, number>>('acks', (cur) => ({ ...cur, [id]: 1 }))));
    const again = await ctx.reopen();
    expect(Object.keys((await again.kvGet<Record<string, number>>('acks')) ?? {}).sort()).toEqual([...clicks].sort());
    const seen: unknown[] = [];
    const out = await again.kvUpdate<number>('counter', (cur) => {
      seen.push(cur);
      return (cur ?? 0) + 1;
    });
    expect(seen).toEqual([undefined]);
    expect(out).toBe(1);
    expect(await again.kvUpdate('counter', () => undefined)).toBeUndefined();
    expect(await again.kvGet('counter')).toBeUndefined();
  });

  it('kv: set, replace and delete (undefined) through kvSet or a commit; values are copies; persisted', async () => {
    const s = ctx.store();
    await s.kvSet('cooldown', { until: 'x', list: [1, 2, { deep: true }] });
    await s.commit(batch({ kv: { 'ori:acme': 61.5, gone: 'soon', text: 'ünïcödé "quoted" \\ \n \u0000 end' } }));
    await s.commit(batch({ kv: { gone: undefined } }));
    await s.kvSet('ori:acme', 62.25);
    const v = await s.kvGet<{ until: string }>('cooldown');
    v!.until = 'edited';
    const again = await ctx.reopen();
    expect(await again.kvGet('cooldown')).toEqual({ until: 'x', list: [1, 2, { deep: true }] });
    expect(await again.kvGet<number>('ori:acme')).toBe(62.25);
    expect(await again.kvGet('text')).toBe('ünïcödé "quoted" \\ \n \u0000 end');
    expect(await again.kvGet('gone')).toBeUndefined();
    await again.kvSet('cooldown', undefined);
    expect(await again.kvGet('cooldown')).toBeUndefined();
    expect(await again.kvGet('never')).toBeUndefined();
  });

  it('feedback: appended in order, an exact repeat (same mention, person and time) ignored, persisted', async () => {
    const s = ctx.store();
    await s.addFeedback([fb(), fb({ by: 'u2' }), fb()]);
    await s.addFeedback([fb({ label: 'neutral' }), fb({ at: '2026-11-23T12:05:00.000Z', label: 'neutral' })]);
    const again = await ctx.reopen();
    expect(await again.feedback()).toEqual([fb(), fb({ by: 'u2' }), fb({ at: '2026-11-23T12:05:00.000Z', label: 'neutral' })]);
  });
}

const NOW_ISO = '2026-11-23T12:30:00.000Z';
