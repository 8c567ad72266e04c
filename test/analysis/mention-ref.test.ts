import { describe, expect, it } from 'vitest';
import { storyKey, topStories } from '../../src/analysis/mention-ref.js';
import { mention } from './fixtures.js';

const at = '2026-03-05T12:00:00.000Z';

describe('top stories', () => {
  it('folds copies of one story (same title, any case or punctuation) into its best-ranked copy', () => {
    const ms = [
      mention('a', 'negative', at, { title: 'Acme recalls kettles after fires' }),
      mention('b', 'negative', at, { title: 'Other news about Acme today' }),
      mention('c', 'negative', at, { title: 'ACME recalls kettles — after fires!' }),
    ];
    expect(topStories(ms, 5).map((r) => [r.key, r.similar])).toEqual([
      ['Acme|a', 1],
      ['Acme|b', undefined],
    ]);
  });

  it('keeps short generic titles apart unless their texts match too', () => {
    const ms = [mention('a', 'neutral', at, { title: 'Update', text: 'Acme opens a store' }), mention('b', 'neutral', at, { title: 'Update', text: 'Acme closes a store' })];
    expect(storyKey(ms[0]!)).not.toBe(storyKey(ms[1]!));
    expect(topStories(ms, 5)).toHaveLength(2);
  });

  it('keeps replies in one thread apart: their titles only name the thread', () => {
    const thread = 'Comment on: Acme just raised prices again';
    const ms = [
      mention('c1', 'negative', at, { title: thread, text: 'Cancelling today.', parentKey: 'reddit:t3_x' }),
      mention('c2', 'negative', at, { title: thread, text: 'Worst pricing in the market', parentKey: 'reddit:t3_x' }),
      mention('c3', 'negative', at, { title: 'Re: Acme price rise', text: 'I am leaving too' }),
      mention('c4', 'negative', at, { title: 'Re: Acme price rise', text: 'Same here, gone' }),
    ];
    expect(topStories(ms, 5).map((r) => r.similar ?? 0)).toEqual([0, 0, 0, 0]);
  });

  it('counts copies beyond the limit without showing them', () => {
    const ms = [mention('a', 'negative', at, { title: 'First story about the Acme brand' }), mention('b', 'negative', at, { title: 'Second story about the Acme brand' }), mention('c', 'negative', at, { title: 'first story about the acme brand' })];
    expect(topStories(ms, 1).map((r) => [r.key, r.similar])).toEqual([['Acme|a', 1]]);
  });
});
