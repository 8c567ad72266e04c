import { describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../src/delivery/evaluate.js';
import { crisisKeywordsIn, keywordIsAbout } from '../../src/delivery/rules/crisis-keyword.js';
import { mention, series } from '../analysis/fixtures.js';
import { NOW, burst, history, input, ori } from './helpers.js';

const t = (minAgo: number): string => new Date(NOW.getTime() - minAgo * 60_000).toISOString();

describe('spike rules on the count model', () => {
  it('judges a volume spike against the same local hour across a daylight-saving change (settings.timezone)', () => {
    // busy 09:00-10:00 Berlin time every day; the clocks went forward on 2026-03-29; now is 10:00 local on the 30th
    const now = new Date('2026-03-30T08:00:00.000Z');
    const hourIn = (d: Date): number => Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Berlin' }).format(d));
    const rollups = series('2026-03-15T00:00:00.000Z', 15 * 24 + 8, (_i, d) => (hourIn(d) === 9 ? { count: 40, neutral: 40 } : { count: 1, neutral: 1 }));
    const windowMentions = burst(40, 'neutral', now);
    const spikes = (timezone?: string): string[] =>
      evaluateAlerts(input({ now, rollups, timezone, windowMentions })).alerts.filter((a) => a.rule === 'volume-spike').map((a) => a.explanation.summary);
    expect(spikes('Europe/Berlin')).toEqual([]);
    expect(spikes(undefined)).toHaveLength(1);
  });

  it('a normal hour fires nothing', () => {
    expect(evaluateAlerts(input({ windowMentions: burst(4), recentMentions: [mention('a', 'negative', t(10))] })).alerts).toEqual([]);
  });

  it('volume-spike: one incident message with integer counts and a plain sentence of why', () => {
    const r = evaluateAlerts(input({ windowMentions: burst(40, 'positive') }));
    expect(r.alerts).toHaveLength(1);
    const a = r.alerts[0]!;
    expect(a).toMatchObject({ rule: 'volume-spike', severity: 'info', id: 'incident:Acme:2026-03-15T13:00:00.000Z', incidentId: 'incident:Acme:2026-03-15T13:00:00.000Z' });
    expect(a.explanation.observed).toBe(40);
    expect(Number.isInteger(a.explanation.baseline) && Number.isInteger(a.explanation.threshold)).toBe(true);
    expect(a.explanation.baseline).toBe(3);
    expect(a.explanation.summary).toMatch(/^40 mentions in the last hour from 40 people; usually 3 \(at most \d+ on a normal day\)\.$/);
    expect(a.explanation.why).toMatch(/reaches the alert level of \d+ for this time of day/);
    expect(a.explanation.details).toHaveProperty('pValue');
    expect(a.mentions.length).toBeGreaterThan(0);
  });

  it('one person posting forty times is not a spike', () => {
    expect(evaluateAlerts(input({ windowMentions: burst(40, 'neutral', NOW, { oneAuthor: true }) })).alerts).toEqual([]);
  });

  it('five people trading forty replies is not a spike: each counts at most maxPerAuthor (2) times; forty people are', () => {
    const thread = burst(40, 'neutral').map((m, i) => ({ ...m, author: `person-${i % 5}` }));
    expect(evaluateAlerts(input({ windowMentions: thread })).alerts).toEqual([]);
    const a = evaluateAlerts(input({ windowMentions: [...thread, ...burst(12, 'neutral', NOW, { prefix: 'x' })] })).alerts[0];
    // the reader sees every mention and every person, and is told why the judged count is lower
    const m = /^(\d+) mentions in the last (?:hour|30 minutes) from (\d+) people;/.exec(a?.explanation.summary ?? '');
    expect(Number(m?.[2])).toBeGreaterThan(5);
    const judged = /^It fired because (\d+) \(each person counted at most 2 times\) reaches the alert level/.exec(a?.explanation.why ?? '');
    expect(Number(judged?.[1])).toBeLessThan(Number(m?.[1]));
  });

  it('history is measured in mentions, not days: three busy days are enough, a handful of mentions is not', () => {
    const threeDays = history({ count: 20 }, { count: 20 }, 3);
    expect(evaluateAlerts(input({ rollups: threeDays, windowMentions: burst(120) })).alerts.map((a) => a.rule)).toEqual(['volume-spike']);
    const thin = history({ count: 1 }, { count: 0 }, 2).map((r, i) => (i % 20 === 0 ? { ...r, count: 1, neutral: 1 } : r));
    expect(evaluateAlerts(input({ rollups: thin, windowMentions: burst(12) })).alerts).toEqual([]);
  });

  it('negative-spike: critical far above the alert level, the volume spike folded into the same message', () => {
    const ms = [...burst(30, 'negative'), ...burst(10, 'neutral', NOW, { prefix: 'n' })];
    const r = evaluateAlerts(input({ windowMentions: ms, recentMentions: ms }));
    expect(r.alerts).toHaveLength(1);
    const a = r.alerts[0]!;
    expect(a).toMatchObject({ rule: 'negative-spike', severity: 'critical' });
    expect(a.explanation.summary).toMatch(/^30 negative mentions in the last hour/);
    expect(a.explanation.summary).toMatch(/Also 40 mentions/);
    expect(r.stateUpdates.incidents.Acme?.rules.sort()).toEqual(['negative-spike', 'volume-spike']);
  });
});

describe('per-mention rules', () => {
  it('ori-drop: fires at the configured drop when both scores rest on enough mentions', () => {
    const at = (prev: number, cur: number, total = 100) => evaluateAlerts(input({ ori: { current: ori(cur, total), previous: ori(prev, total) } })).alerts;
    expect(at(60, 51)).toEqual([]);
    const [a] = at(60, 50);
    expect(a).toMatchObject({ rule: 'ori-drop', severity: 'warning', ori: { value: 50, change: -10 } });
    expect(a!.explanation.summary).toBe('The reputation index of Acme went from 60 to 50 in 24 h, a drop of 10 points.');
    expect(at(70, 50)[0]?.severity).toBe('critical');
    // a handful of mentions moves the index a lot: no alert from 5 of them
    expect(at(60, 30, 5)).toEqual([]);
    // nor in the first two windows of history, while the index settles
    const young = history({ count: 3 }, { count: 3 }, 1.5);
    expect(evaluateAlerts(input({ rollups: young, ori: { current: ori(30), previous: ori(60) } })).alerts).toEqual([]);
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
    expect(r.alerts.map((a) => a.rule)).toEqual(['high-reach-negative']);
    expect(r.alerts[0]!.explanation.observed).toBe(500);
    expect(r.alerts[0]!.mentions.map((m) => m.key)).toEqual(['Acme|hit']);
    const none = evaluateAlerts(input({ recentMentions: [mention('x', 'negative', t(5), { reach: { score: 499 } })] }));
    expect(none.alerts).toEqual([]);
  });

  it('crisis-keyword: whole word, any case, classes with their own severity, only mentions with the keyword listed', () => {
    const kws = ['recall', 'data leak', 'exploding'];
    expect(crisisKeywordsIn({ title: 'Acme RECALL announced', text: '' }, kws)).toEqual(['recall']);
    expect(crisisKeywordsIn({ title: 'Acme recalled memories', text: '' }, kws)).toEqual([]);
    expect(crisisKeywordsIn({ title: '', text: 'a DATA\n leak at Acme; exploding phones' }, kws)).toEqual(['data leak', 'exploding']);
    const r = evaluateAlerts(
      input({
        recentMentions: [
          mention('pos', 'positive', t(5), { title: 'Acme beats recall fears' }),
          mention('neu', 'neutral', t(5), { text: 'Acme says phones are not exploding' }),
          mention('other', 'negative', t(4), { text: 'Acme support is slow' }),
        ],
      }),
    );
    expect(r.alerts).toHaveLength(1);
    // a keyword of no listed class is a warning in a negative mention, one level lower in a neutral one
    expect(r.alerts[0]).toMatchObject({ severity: 'info', rule: 'crisis-keyword' });
    expect(r.alerts[0]!.mentions.map((m) => m.key)).toEqual(['Acme|neu']);
    // legal, safety, security and boycott words are critical in a negative mention
    const neg = evaluateAlerts(input({ recentMentions: [mention('neg', 'negative', t(5), { title: 'Lawsuit against Acme' })] }));
    expect(neg.alerts[0]).toMatchObject({ severity: 'critical', rule: 'crisis-keyword' });
    expect(neg.alerts[0]!.title).toMatch(/\(legal\)/);
    // an operations word (outage) is a warning even in a negative mention
    const out = evaluateAlerts(input({ recentMentions: [mention('o', 'negative', t(5), { title: 'Acme outage again' })] }));
    expect(out.alerts[0]).toMatchObject({ severity: 'warning' });
  });

  it('a negative spike and a crisis keyword together are one incident message carrying both', () => {
    const ms = [...burst(30, 'negative'), mention('neg', 'negative', t(5), { title: 'Acme product recall', author: 'x' })];
    const r = evaluateAlerts(input({ windowMentions: ms, recentMentions: ms }));
    expect(r.alerts).toHaveLength(1);
    const a = r.alerts[0]!;
    expect(a.incidentId).toBeDefined();
    expect(a.explanation.summary).toMatch(/contains "recall"/);
    expect(a.explanation.summary).toMatch(/negative mentions in the last hour/);
    expect(r.stateUpdates.incidents.Acme?.keywords).toEqual(['recall']);
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
