import { describe, expect, it } from 'vitest';
import { buildDigest, type DigestInput } from '../../src/delivery/digest.js';
import { renderDigestText } from '../../src/delivery/render-text.js';
import { configuredTerms } from '../../src/pipeline/alerting.js';
import { oriSeries, splitConfig, splitLegend, splitPeriod, trendConfig } from '../../src/chat/discord/charts/digest-chart.js';
import { rollup } from '../analysis/fixtures.js';
import { sampleDigest } from '../chat/discord/fake-bot-api.js';

const now = new Date('2026-03-06T08:00:00.000Z');
const input: DigestInput = {
  brand: 'Acme',
  now,
  timezone: 'UTC',
  rollups: [
    // the digest day (the 5th): the brand's own name, alias, hashtag and a phrase with it burst, and so does a real topic
    rollup('2026-03-05T12:00:00.000Z', 12, { neutral: 12, terms: { acme: 12, '#acme': 9, rockets: 8, 'acme rockets': 8, 'terrible acme': 7, recall: 9 } }),
  ],
  mentions: [],
  oriHistory: [],
  competitorVolumes: {},
  alerts: [],
  trending: { minCount: 5, minScore: 3 },
};

describe('the digest trending list', () => {
  it('GIVEN the brand\'s own names and handles bursting THEN only the real topic trends (as in the alert rule)', () => {
    const excluded = configuredTerms([{ name: 'Acme', aliases: ['Acme Rockets'], competitors: [], query: undefined } as unknown as Parameters<typeof configuredTerms>[0][number]]);
    expect(buildDigest({ ...input, excludedTerms: excluded }).trending.map((t) => t.term)).toEqual(['recall']);
    // without the exclusion the names would fill the list: the test can fail
    expect(buildDigest(input).trending.map((t) => t.term)).toEqual(expect.arrayContaining(['#acme', 'acme rockets', 'recall']));
  });
});

describe('the digest chart', () => {
  const d = sampleDigest({
    timezone: 'Europe/Paris',
    period: { start: '2026-12-01T23:00:00.000Z', end: '2026-12-02T23:00:00.000Z' },
    sentiment: { positive: 5, neutral: 3, negative: 0 },
    daily: [0, 4, 0, 0, 6, 0, 8].map((volume, i) => ({ date: `2026-11-${26 + i}`, volume, ori: 50 + i, positive: volume, neutral: 0, negative: 0 })),
  });

  it('GIVEN days without mentions THEN the ORI line has gaps there instead of 50', () => {
    expect(oriSeries(d)).toEqual([null, 51, null, null, 54, null, 56]);
    const line = trendConfig(d).data.datasets.find((s) => s.label === 'ORI');
    expect(line?.data).toEqual([null, 51, null, null, 54, null, 56]);
    // the text digest says the same: no index for an empty day
    expect(renderDigestText(d)).toMatch(/2026-11-26:\s+0 {2}0\/0\/0 {2}—/);
  });

  it('GIVEN a forecast for the next day THEN the chart adds that day with a shaded 80 % band and the expected point; the texts say it', () => {
    const f = { ...d, forecast: { date: '2026-12-03', expected: 7.6, lower: 3, upper: 13 } };
    const cfg = trendConfig(f);
    expect(cfg.data.labels?.at(-1)).toBe('12-03 (forecast)');
    expect(cfg.data.datasets.find((s) => s.label === 'Forecast (80 %)')?.data).toEqual([null, null, null, null, null, null, null, [3, 13]]);
    expect(cfg.data.datasets.find((s) => s.label === 'Expected')?.data.at(-1)).toBe(8);
    expect(cfg.data.datasets.find((s) => s.label === 'Mentions')?.data).toHaveLength(7);
    expect(renderDigestText(f)).toContain('Forecast for 2026-12-03: about 8 mentions (80 % interval 3–13)');
    expect(trendConfig(d).data.datasets.map((s) => s.label)).toEqual(['Mentions', 'ORI']);
  });

  it('GIVEN an event on some of the days THEN those days are marked ★ and the title names it', () => {
    // Paris days; the sale runs from 28 Nov 09:00 to 30 Nov 00:00 local
    const e = { ...d, events: [{ name: 'Winter sale', start: '2026-11-28T08:00:00.000Z', end: '2026-11-29T23:00:00.000Z' }] };
    expect(trendConfig(e).data.labels?.slice(0, 7)).toEqual(['11-26', '11-27', '11-28 ★', '11-29 ★', '11-30', '11-31', '11-32']);
    expect(trendConfig(e).options?.plugins?.title?.text).toBe('Acme: last 7 days (★ Winter sale)');
    expect(renderDigestText(e)).toContain('Events on these days: Winter sale');
  });

  it('GIVEN a day\'s split THEN the donut names its period and shows percentages', () => {
    expect(splitLegend(d)).toEqual(['positive 63% (5)', 'neutral 38% (3)', 'negative 0% (0)']);
    expect(splitPeriod(d)).toEqual(['Wed 2 Dec, whole day', 'Europe/Paris']);
    const cfg = splitConfig(d);
    expect(cfg.data.labels).toEqual(splitLegend(d));
    expect(cfg.options?.plugins?.title?.text).toEqual(['Sentiment split', 'Wed 2 Dec, whole day', 'Europe/Paris']);
    // today so far: the part of the day covered
    const running = { ...d, period: { start: '2026-12-02T23:00:00.000Z', end: '2026-12-03T13:05:00.000Z' } };
    expect(splitPeriod(running)).toEqual(['Thu 3 Dec, 00:00–14:05', 'Europe/Paris']);
    expect(splitLegend({ ...d, sentiment: { positive: 0, neutral: 0, negative: 0 } })).toEqual(['positive 0% (0)', 'neutral 0% (0)', 'negative 0% (0)']);
  });
});
