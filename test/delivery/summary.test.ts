import { describe, expect, it } from 'vitest';
import { summariseIncident } from '../../src/delivery/summary.js';
import { evaluateAlerts } from '../../src/delivery/evaluate.js';
import type { Mention } from '../../src/domain/types.js';
import { mention, rollup } from '../analysis/fixtures.js';
import { NOW, burst, history, input } from './helpers.js';

const HOUR = 3_600_000;
const at = (minAgo: number): string => new Date(NOW.getTime() - minAgo * 60_000).toISOString();
/** a week of the brand's usual talk: "flight" and "crew" every hour, never "lost bags" */
const before = Array.from({ length: 7 * 24 }, (_, i) => rollup(new Date(NOW.getTime() - (7 * 24 + 3 - i) * HOUR).toISOString(), 10, { terms: { flight: 8, crew: 2 } }));

function m(key: string, title: string, terms: string[], label: Mention['sentiment']['label'] = 'negative', minAgo = 20): Mention {
  return mention(key, label, at(minAgo), { title, terms, url: `https://social.example/${key}` });
}

describe('incident summaries (offline, extractive)', () => {
  const mentions = [
    m('a', 'Acme lost bags again, two days without my suitcase', ['lost bags', 'lost', 'bags', 'suitcase', 'flight']),
    m('b', 'lost bags at the airport, nobody from Acme answers', ['lost bags', 'lost', 'bags', 'airport', 'answers']),
    m('c', 'Still waiting for my lost bags, Acme', ['lost bags', 'lost', 'bags', 'waiting']),
    m('d', 'refund requested, no answer', ['refund', 'answer']),
    m('e', 'refund still pending after a month', ['refund', 'pending', 'month']),
    m('f', 'the crew was lovely', ['crew'], 'positive'),
  ];

  it('names the themes with counts, the phrase over its words, and quotes the most typical mention of the first one with its link', () => {
    const s = summariseIncident({ mentions, rollups: before, from: NOW.getTime() - 3 * HOUR, excluded: new Set(['acme']) })!;
    expect(s.themes).toEqual([{ term: 'lost bags', count: 3 }, { term: 'refund', count: 2 }]);
    expect(s.text).toBe(
      'People mostly talk about "lost bags" in 3 of 5 negative mentions, "refund" in 2. ' +
        'For example: "Still waiting for my lost bags, Acme" (https://social.example/c).',
    );
    expect(s.cites).toEqual(["Acme|c"]);
    expect(s.text.length).toBeGreaterThanOrEqual(60);
  });

  it('says how the themes changed since the last message, and quotes only mentions it was given', () => {
    const s = summariseIncident({ mentions, rollups: before, from: NOW.getTime() - 3 * HOUR, previous: [{ term: 'lost bags', count: 1 }] })!;
    expect(s.text).toContain('"lost bags" in 3 of 5 negative mentions (was 1), "refund" in 2 (new)');
    const keys = new Set(mentions.map((x) => x.key));
    expect(s.cites.every((k) => keys.has(k))).toBe(true);
  });

  it('a term the brand always uses is no theme; with no theme the summary still quotes a mention', () => {
    const usual = [m('x', 'flight delayed', ['flight', 'delayed']), m('y', 'flight late', ['flight', 'late']), m('z', 'flight slow', ['flight', 'slow'])];
    const s = summariseIncident({ mentions: usual, rollups: before, from: NOW.getTime() - 3 * HOUR })!;
    expect(s.themes).toEqual([]);
    expect(s.text).toMatch(/^3 negative mentions share no common theme yet\. For example: "flight \w+" \(https:\/\/social\.example\/[xyz]\)\.$/);
    expect(summariseIncident({ mentions: [], rollups: before, from: 0 })).toBeUndefined();
  });

  it('an incident message carries the summary of the mentions that opened it', () => {
    const ms = burst(40, 'negative').map((x, i) => ({ ...x, title: i % 2 ? 'Acme app crashes on login' : 'login broken again', terms: ['login', ...(i % 2 ? ['crashes'] : ['broken'])] }));
    const r = evaluateAlerts(input({ rollups: history({ count: 3 }), windowMentions: ms, trendMentions: ms }));
    const a = r.alerts[0]!;
    expect(a.summary).toMatch(/^People mostly talk about "login" in 40 of 40 negative mentions, "(crashes|broken)" in 20/);
    expect(a.summaryCites).toHaveLength(1);
    expect(ms.some((x) => x.key === a.summaryCites![0])).toBe(true);
    expect(r.stateUpdates.incidents.Acme?.themes?.[0]).toEqual({ term: 'login', count: 40 });
  });
});
