import { describe, expect, it } from 'vitest';
import { buildDigest, feedbackAgreement, type DigestInput } from '../../src/delivery/digest.js';
import { renderAlertText, renderDigestText } from '../../src/delivery/render-text.js';
import { evaluateAlerts } from '../../src/delivery/evaluate.js';
import type { FeedbackRecord } from '../../src/store/store.js';
import { mention, rollup } from '../analysis/fixtures.js';
import { input as alertInput } from './helpers.js';

// Berlin is UTC+1 in early March: local 2026-03-05 runs 2026-03-04T23:00Z .. 2026-03-05T23:00Z.
const tz = 'Europe/Berlin';
const now = new Date('2026-03-06T08:00:00.000Z'); // 09:00 local on the 6th -> digest of the 5th
const fb = (classifier: string, predicted: 'positive' | 'negative', label: 'positive' | 'negative'): FeedbackRecord => ({
  mentionKey: 'Acme|x',
  text: 'x',
  label,
  predicted,
  classifier,
  by: 'u',
  at: now.toISOString(),
});

const fixture: DigestInput = {
  brand: 'Acme',
  now,
  timezone: tz,
  rollups: [
    // previous local day (the 4th): 4 mentions
    rollup('2026-03-04T10:00:00.000Z', 4, { positive: 1, neutral: 2, negative: 1 }),
    // the 5th: 23:00Z on the 4th is already the 5th locally
    rollup('2026-03-04T23:00:00.000Z', 2, { positive: 2, neutral: 0, terms: { '#launch': 6 } }),
    rollup('2026-03-05T12:00:00.000Z', 8, { positive: 3, neutral: 2, negative: 3 }),
    // 23:00Z on the 5th is the 6th locally: not in the digest
    rollup('2026-03-05T23:00:00.000Z', 100, { neutral: 100 }),
    // six days before
    rollup('2026-02-27T12:00:00.000Z', 1, { negative: 1, neutral: 0 }),
  ],
  mentions: [
    mention('p1', 'positive', '2026-03-05T12:10:00.000Z', { confidence: 0.9, reach: { score: 10 } }),
    mention('p2', 'positive', '2026-03-05T12:20:00.000Z', { confidence: 0.5, reach: { score: 30 } }),
    mention('n1', 'negative', '2026-03-05T12:30:00.000Z', { confidence: 0.99, reach: { score: 0 } }),
    mention('late', 'negative', '2026-03-05T23:30:00.000Z', { reach: { score: 1000 } }),
  ],
  oriHistory: [
    { at: '2026-03-04T22:00:00.000Z', value: 55 },
    { at: '2026-03-05T20:00:00.000Z', value: 48.5 },
    { at: '2026-03-06T07:00:00.000Z', value: 40 },
  ],
  competitorVolumes: { Globex: 30 },
  alerts: [
    { id: 'a1', brand: 'Acme', createdAt: '2026-03-05T10:00:00.000Z' },
    { id: 'a2', brand: 'Acme', createdAt: '2026-03-03T10:00:00.000Z' },
    { id: 'g1', brand: 'Globex', createdAt: '2026-03-05T10:00:00.000Z' },
  ],
  acks: [
    { alertId: 'a1', alertCreatedAt: '2026-03-05T10:00:00.000Z', ackedAt: '2026-03-05T10:30:00.000Z' },
    { alertId: 'a2', alertCreatedAt: '2026-03-03T10:00:00.000Z', ackedAt: '2026-03-03T11:30:00.000Z' },
    { alertId: 'g1', alertCreatedAt: '2026-03-05T10:00:00.000Z', ackedAt: '2026-03-05T18:00:00.000Z' },
  ],
  feedback: [fb('local', 'positive', 'positive'), fb('local', 'positive', 'negative'), fb('hf', 'negative', 'negative')],
  trending: { minCount: 5, minScore: 3 },
};

describe('buildDigest', () => {
  const d = buildDigest(fixture);

  it('reports the previous complete local day by default with local-day volume and change', () => {
    expect(d.date).toBe('2026-03-05');
    expect(d.period).toEqual({ start: '2026-03-04T23:00:00.000Z', end: '2026-03-05T23:00:00.000Z' });
    expect(d.volume).toBe(10);
    expect(d.previousVolume).toBe(4);
    expect(d.sentiment).toEqual({ positive: 5, neutral: 2, negative: 3 });
    expect(d.netSentiment).toBeCloseTo(0.25, 9);
  });

  it('takes ORI at the end of the day and of the day before from snapshots', () => {
    expect(d.ori).toBe(48.5);
    expect(d.previousOri).toBe(55);
  });

  it('ranks top mentions by (1 + engagement) × confidence within the day', () => {
    expect(d.topPositive.map((m) => m.key)).toEqual(['Acme|p2', 'Acme|p1']); // 31*0.5=15.5 > 11*0.9=9.9
    expect(d.topNegative.map((m) => m.key)).toEqual(['Acme|n1']); // 'late' is the next local day
  });

  it('shows a story syndicated to several sites once, with the number of other copies', () => {
    const story = 'Acme recalls its kettles after reports of fires';
    const copies = ['a', 'b', 'c'].map((site, i) => mention(`syn-${site}`, 'negative', `2026-03-05T1${i}:00:00.000Z`, { title: story, site: `${site}.example`, confidence: 0.9 - i * 0.1 }));
    const d = buildDigest({ ...fixture, mentions: [...fixture.mentions, ...copies, mention('other', 'negative', '2026-03-05T13:00:00.000Z', { title: `${story.toUpperCase()}!`, confidence: 0.2 })] });
    expect(d.topNegative.map((m) => [m.key, m.similar])).toEqual([
      ['Acme|n1', undefined],
      ['Acme|syn-a', 3],
    ]);
    expect(renderDigestText(d)).toContain('(+3 more with the same title)');
  });

  it('computes share of voice, trending, 7-day series, alerts, time to react and feedback agreement', () => {
    expect(d.shareOfVoice).toEqual([
      { brand: 'Globex', count: 30, share: 0.75 },
      { brand: 'Acme', count: 10, share: 0.25 },
    ]);
    expect(d.trending.map((t) => t.term)).toEqual(['#launch']);
    expect(d.daily.map((x) => x.date)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']);
    expect(d.daily.map((x) => x.volume)).toEqual([1, 0, 0, 0, 0, 4, 10]);
    expect(d.daily[0]).toMatchObject({ negative: 1, ori: 55 }); // before the first snapshot: flat back-fill
    expect(d.daily[6]?.ori).toBe(48.5);
    expect(d.alerts).toBe(1);
    expect(d.timeToReactMinutes).toBe(60); // median of 30 and 90 (Globex's ack excluded)
    expect(d.feedbackAgreement).toEqual([
      { classifier: 'hf', agreed: 1, total: 1 },
      { classifier: 'local', agreed: 1, total: 2 },
    ]);
  });

  it('accepts an explicit date and cuts a running day at now', () => {
    const today = buildDigest({ ...fixture, date: '2026-03-06' });
    expect(today.period.end).toBe(now.toISOString());
    expect(today.volume).toBe(100);
    expect(today.previousVolume).toBe(10);
    expect(today.ori).toBe(40);
  });

  it('says in plain sentences what the complaints of the day were about, quoting a stored mention of that day with its link', () => {
    const day = (k: string, label: 'negative' | 'neutral', title: string, terms: string[]) =>
      mention(k, label, '2026-03-05T12:40:00.000Z', { title, terms, url: `https://social.example/${k}` });
    const said = buildDigest({
      ...fixture,
      mentions: [
        day('c1', 'negative', 'Acme billing error again, charged twice', ['billing error', 'billing', 'error', 'charged']),
        day('c2', 'negative', 'billing error on my Acme card', ['billing error', 'billing', 'error', 'card']),
        day('c3', 'negative', 'Acme support never answers about the billing error', ['billing error', 'billing', 'error', 'support']),
        day('c4', 'negative', 'slow app', ['slow', 'app']),
        day('x1', 'neutral', 'Acme opens a new store', ['store']),
      ],
      excludedTerms: new Set(['acme']),
    });
    expect(said.summary).toMatch(/^People mostly talk about "billing error" in 3 of 4 negative mentions/);
    expect(said.summaryCites).toHaveLength(1);
    expect(['Acme|c1', 'Acme|c2', 'Acme|c3']).toContain(said.summaryCites![0]);
    expect(said.summary).toContain(`(https://social.example/${said.summaryCites![0]!.split('|')[1]})`);
    expect(renderDigestText(said)).toContain(`What people are saying:\n  ${said.summary}`);
  });

  it('omits optional figures when there is nothing to report', () => {
    const empty = buildDigest({ ...fixture, rollups: [], mentions: [], acks: [], feedback: [], oriHistory: [], ori: 61 });
    expect(empty.netSentiment).toBeNull();
    expect(empty.ori).toBe(61);
    expect(empty.timeToReactMinutes).toBeUndefined();
    expect(empty.feedbackAgreement).toBeUndefined();
    expect(empty.summary).toBeUndefined();
    expect(feedbackAgreement([])).toEqual([]);
  });
});

describe('text renderings', () => {
  it('renders a digest that explains its figures', () => {
    const text = renderDigestText(buildDigest(fixture));
    expect(text).toContain('Daily digest for Acme — 2026-03-05 (Europe/Berlin)');
    expect(text).toContain('Mentions: 10 (previous day 4, +6 (+150%))');
    expect(text).toContain('Net sentiment (pos − neg) / (pos + neg): +0.25');
    expect(text).toContain('Reputation index (0–100, 50 = neutral): 48.5 (−6.5 vs previous day)');
    expect(text).toContain('median time to acknowledge: 60 min');
    expect(text).toContain('https://news.example/p2');
    expect(text).toMatch(/Globex\s+#+\.+ 75% \(30\)/);
  });

  it('renders an alert with its explanation, figures, mentions and id', () => {
    const r = evaluateAlerts(alertInput({ recentMentions: [mention('hit', 'negative', '2026-03-15T12:55:00.000Z', { reach: { score: 700 }, site: 'reddit.com' })] }));
    const text = renderAlertText(r.alerts[0]!);
    expect(text.split('\n')[0]).toBe('[WARNING] High-reach negative mention of Acme (700 engagement): Title hit');
    expect(text).toContain('A negative mention of Acme on reddit.com reached 700 engagement (score + comments).');
    expect(text).toContain('It fired because the mention is negative and its engagement reaches the threshold of 500.');
    // times without seconds or milliseconds; the machine figures stay in /explain
    expect(text).toContain('Window: 12:55 → 13:00');
    expect(text).not.toMatch(/Details:|2026-03-15T12:55/);
    expect(text).toContain('https://news.example/hit');
    expect(text).toContain('Incident id: incident:Acme:2026-03-15T13:00:00.000Z (details: /explain)');
  });
});
