import { describe, expect, it } from 'vitest';
import { readQuestion } from '../../src/delivery/question.js';

const brands = [
  { name: 'Nimbus', aliases: ['@nimbushq'] },
  { name: 'Stratus', aliases: ['Stratus Storage'] },
];
// Wednesday 2 December 2026, 16:00 in Berlin
const NOW = new Date('2026-12-02T15:00:00Z');
const read = (q: string) => readQuestion(q, brands, NOW, 'Europe/Berlin');

describe('reading a manager\'s question', () => {
  it('"why did Nimbus drop yesterday?" asks why one brand moved, over yesterday in the team\'s zone', () => {
    expect(read('why did Nimbus drop yesterday?')).toEqual({
      intent: 'why',
      brands: ['Nimbus'],
      named: true,
      period: { start: new Date('2026-11-30T23:00:00Z'), end: new Date('2026-12-01T23:00:00Z'), label: 'yesterday' },
    });
  });

  it('a topic question keeps the topic words and drops the period, the brand and the filler', () => {
    const q = read('What are people saying about pricing this week?');
    expect(q).toMatchObject({ intent: 'topic', topic: 'pricing', named: false, brands: ['Nimbus', 'Stratus'] });
    expect(q.period).toMatchObject({ start: new Date('2026-11-29T23:00:00Z'), label: 'this week' });
    expect(read('what do customers think about the Stratus app update in the last 3 days')).toMatchObject({ intent: 'topic', topic: 'app update', brands: ['Stratus'], period: { label: 'the last 3 days' } });
  });

  it('comparisons, changes, worst mentions and "how are we doing" each get their own reading and default period', () => {
    expect(read('compare Nimbus and Stratus last month')).toMatchObject({
      intent: 'compare',
      brands: ['Nimbus', 'Stratus'],
      period: { start: new Date('2026-10-31T23:00:00Z'), end: new Date('2026-11-30T23:00:00Z'), label: 'last month (November)' },
    });
    expect(read('what changed since Monday?')).toMatchObject({ intent: 'changes', period: { start: new Date('2026-11-29T23:00:00Z'), label: 'since Mon 30 Nov' } });
    expect(read('show the worst mentions today')).toMatchObject({ intent: 'worst', period: { start: new Date('2026-12-01T23:00:00Z'), end: NOW, label: 'today' } });
    expect(read('tell me a joke')).toMatchObject({ intent: 'unknown' });
    expect(read('how are we doing?')).toMatchObject({ intent: 'overview', named: false, period: { start: new Date('2026-12-01T15:00:00Z'), end: NOW } });
  });

  it('brands are found by alias as whole words only, and a period never runs past now', () => {
    expect(read('@nimbushq since 2026-11-20').brands).toEqual(['Nimbus']);
    expect(read('any news on Nimbusx?').named).toBe(false);
    expect(read('stratus storage this month').period).toMatchObject({ start: new Date('2026-11-30T23:00:00Z'), end: NOW });
    expect(read('how are we doing in the last 500 days').period.label).toBe('the last 90 days');
  });
});
