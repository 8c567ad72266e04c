import { describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../src/delivery/evaluate.js';
import { crisisKeywordsIn, keywordIsAbout } from '../../src/delivery/rules/crisis-keyword.js';
import type { ReputationScore } from '../../src/domain/types.js';
import { mention, series } from '../analysis/fixtures.js';
import { NOW, history, input } from './helpers.js';

const t = (minAgo: number): string => new Date(NOW.getTime() - minAgo * 60_000).toISOString();
const ori = (value: number): ReputationScore => ({
  brand: 'Acme',
  at: NOW.toISOString(),
  value,
  components: { sentiment: value, engagement: 50, volume: 50 },
  weights: { sentiment: 0.6, engagement: 0.2, volume: 0.2 },
  effective: { positive: 1, neutral: 1, negative: 1, total: 3 },
  baselineVolume: 5,
  topContributors: [],
});

describe('alert rules', () => {
  it('judges a volume spike against the same local hour across a daylight-saving change (settings.timezone)', () => {
    // busy 09:00-10:00 Berlin time every day; the clocks went forward on 2026-03-29; now is 10:00 local on the 30th
    const now = new Date('2026-03-30T08:00:00.000Z');
    const hourIn = (d: Date): number => Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Berlin' }).format(d));
    const rollups = series('2026-03-15T00:00:00.000Z', 15 * 24 + 8, (_i, d) => (hourIn(d) === 9 ? { count: 40, neutral: 40 } : { count: 1, neutral: 1 }));
    const spikes = (timezone?: string): string[] =>
      evaluateAlerts(input({ now, rollups, timezone })).alerts.filter((a) => a.rule === 'volume-spike').map((a) => a.explanation.summary);
    expect(spikes('Europe/Berlin')).toEqual([]);
    expect(spikes(undefined)).toHaveLength(1);
  });

  it('quiet day: nothing fires', () => {
    const r = evaluateAlerts(input({ recentMentions: [mention('a', 'negative', t(10))] }));
    expect(r.alerts).toEqual([]);
  });

  it('volume-spike: an info alert with the explanation figures', () => {
    const r = evaluateAlerts(input({ rollups: history({ count: 40 }), recentMentions: [mention('a', 'positive', t(5), { reach: { score: 9 } })] }));
    expect(r.alerts).toHaveLength(1);
    const a = r.alerts[0]!;
    expect(a).toMatchObject({ rule: 'volume-spike', severity: 'info', id: 'volume-spike:Acme:2026-03-15T13:00:00.000Z' });
    expect(a.explanation).toMatchObject({ observed: 40, baseline: 3, threshold: 3 });
    expect(a.explanation.summary).toMatch(/volume-spike: 40 mentions for Acme in the last 60 min vs 3 expected/);
    expect(a.explanation.details).toMatchObject({ daysOfHistory: 14, minCount: 5, method: 'seasonal+weekday' });
    expect(a.mentions.map((m) => m.key)).toEqual(['Acme|a']);
  });

  it('negative-spike: critical at twice the thresholds, the volume spike folded into it', () => {
    const ms = [mention('n1', 'negative', t(5), { reach: { score: 3 } }), mention('n2', 'negative', t(9), { reach: { score: 50 } }), mention('p', 'positive', t(3))];
    const r = evaluateAlerts(input({ rollups: history({ count: 40, negative: 30, neutral: 10 }, { count: 3, neutral: 3 }), recentMentions: ms }));
    expect(r.alerts).toHaveLength(1);
    const a = r.alerts[0]!;
    expect(a).toMatchObject({ rule: 'negative-spike', severity: 'critical' });
    expect(a.explanation.details.related).toBe('volume-spike');
    expect(a.explanation.summary).toMatch(/Also volume-spike/);
    expect(a.mentions.map((m) => m.key)).toEqual(['Acme|n2', 'Acme|n1', 'Acme|p']);
    expect(Object.keys(r.stateUpdates.cooldowns).sort()).toEqual(['Acme|negative-spike', 'Acme|volume-spike']);
  });

  it('ori-drop: fires at the configured drop, not below, and reports the change', () => {
    const at = (prev: number, cur: number) => evaluateAlerts(input({ ori: { current: ori(cur), previous: ori(prev) } })).alerts;
    expect(at(60, 51)).toEqual([]);
    const [a] = at(60, 50);
    expect(a).toMatchObject({ rule: 'ori-drop', severity: 'warning', ori: { value: 50, change: -10 } });
    expect(a!.explanation).toMatchObject({ observed: 50, baseline: 60, threshold: 10 });
    expect(at(70, 50)[0]?.severity).toBe('critical');
  });

  it('high-reach-negative: engagement at the threshold fires; positive and backfill mentions do not', () => {
    const big = { reach: { score: 400, comments: 100 } };
    const r = evaluateAlerts(
      input({
        recentMentions: [
          mention('pos', 'positive', t(5), { reach: { score: 9000 } }),
          mention('old', 'negative', t(5), { reach: { score: 9000 }, backfill: true }),
          mention('hit', 'negative', t(5), big),
        ],
      }),
    );
    expect(r.alerts.map((a) => a.id)).toEqual(['high-reach-negative:Acme:Acme|hit']);
    expect(r.alerts[0]!.explanation.observed).toBe(500);
    const none = evaluateAlerts(input({ recentMentions: [mention('x', 'negative', t(5), { reach: { score: 499 } })] }));
    expect(none.alerts).toEqual([]);
  });

  it('crisis-keyword: whole word, any case, in negative or neutral mentions, with brand keywords', () => {
    const kws = ['recall', 'data leak', 'exploding'];
    expect(crisisKeywordsIn({ title: 'Acme RECALL announced', text: '' }, kws)).toEqual(['recall']);
    expect(crisisKeywordsIn({ title: 'Acme recalled memories', text: '' }, kws)).toEqual([]);
    expect(crisisKeywordsIn({ title: '', text: 'a DATA\n leak at Acme; exploding phones' }, kws)).toEqual(['data leak', 'exploding']);
    const r = evaluateAlerts(
      input({
        recentMentions: [
          mention('pos', 'positive', t(5), { title: 'Acme beats recall fears' }),
          mention('neu', 'neutral', t(5), { text: 'Acme says phones are not exploding' }),
        ],
      }),
    );
    expect(r.alerts).toHaveLength(1);
    expect(r.alerts[0]).toMatchObject({ id: 'crisis-keyword:Acme:Acme|neu', severity: 'warning', rule: 'crisis-keyword' });
    expect(r.alerts[0]!.explanation.details.keywords).toBe('exploding');
    const neg = evaluateAlerts(input({ recentMentions: [mention('neg', 'negative', t(5), { title: 'Lawsuit against Acme' })] }));
    expect(neg.alerts[0]).toMatchObject({ severity: 'critical', rule: 'crisis-keyword' });
  });

  it('groups a negative spike with a crisis keyword into one alert carrying both explanations', () => {
    const r = evaluateAlerts(
      input({
        rollups: history({ count: 12, negative: 9, neutral: 3 }, { count: 3, negative: 1, neutral: 2 }),
        recentMentions: [mention('neg', 'negative', t(5), { title: 'Acme product recall' })],
      }),
    );
    expect(r.alerts).toHaveLength(1);
    const a = r.alerts[0]!;
    expect(a.rule).toBe('crisis-keyword'); // critical beats the warning spike
    expect(a.explanation.summary).toMatch(/^crisis-keyword: .*Also negative-spike: 9 negative mentions/);
    expect(a.explanation.details['negative-spike.observed']).toBe(9);
    expect(r.decisions).toContainEqual({ alertId: a.id, rule: 'negative-spike', outcome: 'merged' });
  });

  it('trending-topic: a newly trending term fires once, not when it was already trending', () => {
    const rollups = history({ count: 8, terms: { '#Recall': 8 } });
    const first = evaluateAlerts(input({ rollups, recentMentions: [mention('h', 'neutral', t(5), { text: 'talking about #recall' })] }));
    const a = first.alerts.find((x) => x.rule === 'trending-topic');
    expect(a).toMatchObject({ severity: 'info', title: 'Newly trending for Acme: #recall' });
    expect(a!.mentions.map((m) => m.key)).toEqual(['Acme|h']);
    expect(first.trending).toEqual(['#recall']);
    const again = evaluateAlerts(input({ rollups, previousTrending: first.trending }));
    expect(again.alerts.find((x) => x.rule === 'trending-topic')).toBeUndefined();
  });
});

describe('crisis keyword attribution', () => {
  it('GIVEN "Nimbus outage ... moving to Stratus" THEN the outage is about Nimbus, not Stratus', () => {
    const hay = 'Nimbus outage: whole company blocked, worst service ever, we are moving to Stratus';
    expect(keywordIsAbout(hay, 'outage', ['Nimbus', 'Nimbus Cloud'], ['Stratus'])).toBe(true);
    expect(keywordIsAbout(hay, 'outage', ['Stratus'], ['Nimbus', 'Nimbus Cloud'])).toBe(false);
    expect(keywordIsAbout('Stratus outage today', 'outage', ['Stratus'], ['Nimbus'])).toBe(true);
    expect(keywordIsAbout('A lawsuit against Stratus, Nimbus unaffected', 'lawsuit', ['Nimbus'], ['Stratus'])).toBe(false);
  });
});
