import { expect, it } from 'vitest';
import type { ContractContext } from './contract-context.js';
import { entry } from './contract-outbox.js';
import { batch, checkConsistency, mention } from './helpers.js';

/** The Store contract, erasure and listing: deleteMentionsByAuthor keeps rollups equal to what stays; outboxSince. */
export function describeErasureContract(ctx: ContractContext): void {
  const neg = { label: 'negative' as const, confidence: 1, scores: { negative: 1, neutral: 0, positive: 0 }, classifier: 't' };
  const range = ['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'] as const;

  it('GIVEN mentions of several authors THEN deleteMentionsByAuthor removes exactly those, across brands and days, and rollups equal what stays', async () => {
    await ctx.store().commit(batch({
      mentions: [
        mention({ itemKey: '1', publishedAt: '2026-11-23T10:05:00Z', author: 'a_erase', sentiment: neg, reach: { score: 10 }, terms: ['outage', 'acme'] }),
        mention({ itemKey: '2', publishedAt: '2026-11-23T10:15:00Z', author: 'a_keep', terms: ['outage'] }),
        mention({ itemKey: '3', publishedAt: '2026-11-21T08:00:00Z', author: 'a_erase', brand: 'globex', terms: ['only'] }),
        mention({ itemKey: '4', publishedAt: '2026-11-22T08:00:00Z', author: 'a_other' }),
        mention({ itemKey: '5', publishedAt: '2026-11-22T09:00:00Z' }),
      ],
    }));
    const s = ctx.store();
    const fb = (mentionKey: string) => ({ mentionKey, text: `their words ${mentionKey}`, label: 'negative' as const, predicted: 'positive' as const, classifier: 't', by: 'u1', at: '2026-11-23T12:00:00.000Z' });
    await s.addFeedback([fb('acme|1'), fb('acme|2'), fb('import:0')]);
    expect(await s.deleteMentionsByAuthor(['a_erase', 'a_other'])).toBe(3);
    const again = await ctx.reopen();
    expect((await again.queryMentions({})).map((m) => m.key).sort()).toEqual(['acme|2', 'acme|5']);
    expect(await again.getMention('acme|1')).toBeUndefined();
    // the corrections made on erased mentions hold their text: gone too; the others stay
    expect((await again.feedback()).map((r) => r.mentionKey)).toEqual(['acme|2', 'import:0']);
    const { problems } = await checkConsistency(again, ...range);
    expect(problems).toEqual([]);
    const [hour] = await again.rollups('acme', '2026-11-23T10:00:00Z', '2026-11-23T11:00:00Z');
    expect(hour).toMatchObject({ count: 1, negative: 0, neutral: 1, engagement: 3, terms: { outage: 1 } });
    expect(await again.rollups('globex', ...range)).toEqual([]);
    // the items stay seen: the next poll does not store them again
    expect(await again.seenItems(['1', '3'])).toEqual(new Set(['1', '3']));
    expect(await again.deleteMentionsByAuthor(['a_erase'])).toBe(0);
    expect(await again.deleteMentionsByAuthor([])).toBe(0);
  });

  it('GIVEN an erasure THEN later commits of other mentions in the same hour are counted on top of what stayed', async () => {
    await ctx.store().commit(batch({ mentions: [mention({ itemKey: '1', publishedAt: '2026-11-23T10:05:00Z', author: 'a_x' }), mention({ itemKey: '2', publishedAt: '2026-11-23T10:06:00Z' })] }));
    await ctx.store().deleteMentionsByAuthor(['a_x']);
    await ctx.store().commit(batch({ mentions: [mention({ itemKey: '3', publishedAt: '2026-11-23T10:07:00Z', author: 'a_y' })] }));
    const { mentions, problems } = await checkConsistency(ctx.store(), ...range);
    expect(problems).toEqual([]);
    expect(mentions.map((m) => m.key).sort()).toEqual(['acme|2', 'acme|3']);
  });

  it('outboxSince: entries created at or after the time (as instants), in delivery order, whatever their status', async () => {
    const s = ctx.store();
    await s.outboxEnqueue([entry('old', '2026-11-22T09:00:00.000Z'), entry('b', '2026-11-23T10:00:00.000Z', { seq: 1 }), entry('a', '2026-11-23T10:00:00.000Z', { seq: 2 }), entry('c', '2026-11-23T09:00:00.000Z')]);
    await s.outboxMarkSent('c', '2026-11-23T09:01:00.000Z');
    const again = await ctx.reopen();
    expect((await again.outboxSince('2026-11-23T10:00:00+01:00')).map((e) => e.id)).toEqual(['c', 'b', 'a']);
    expect((await again.outboxSince('2026-11-23T09:00:00.001Z')).map((e) => e.id)).toEqual(['b', 'a']);
    expect((await again.outboxSince('2026-11-23T09:00:00Z'))[0]).toMatchObject({ id: 'c', status: 'sent' });
    expect(await again.outboxSince('not a date')).toEqual([]);
  });
}
