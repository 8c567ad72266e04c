import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeOri, expectedDecayedVolume } from '../../src/analysis/reputation.js';
import { InvalidAnalysisOptionsError } from '../../src/analysis/errors.js';
import type { Mention, SentimentLabel } from '../../src/domain/types.js';
import { mention } from './fixtures.js';

const now = new Date('2026-03-10T12:00:00.000Z');
const options = { halfLifeHours: 72, windowDays: 7, weights: { sentiment: 0.6, engagement: 0.2, volume: 0.2 } };
const ago = (h: number): string => new Date(now.getTime() - h * 3_600_000).toISOString();

const labelArb = fc.constantFrom<SentimentLabel>('negative', 'neutral', 'positive');
const mentionArb = fc
  .record({
    id: fc.integer({ min: 0, max: 10_000 }),
    label: labelArb,
    ageHours: fc.double({ min: -48, max: 24 * 10, noNaN: true }),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    score: fc.option(fc.integer({ min: -100, max: 1_000_000 }), { nil: undefined }),
    comments: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
  })
  .map((r) => mention(`m${r.id}`, r.label, ago(r.ageHours), { confidence: r.confidence, reach: { score: r.score, comments: r.comments } }));
const optionsArb = fc.record({
  halfLifeHours: fc.double({ min: 0.5, max: 500, noNaN: true }),
  windowDays: fc.integer({ min: 1, max: 90 }),
  weights: fc.record({
    sentiment: fc.double({ min: 0, max: 5, noNaN: true }),
    engagement: fc.double({ min: 0, max: 5, noNaN: true }),
    volume: fc.double({ min: 0, max: 5, noNaN: true }),
  }),
});
const baselineArb = fc.double({ min: 0, max: 10_000, noNaN: true });
const ori = (mentions: Mention[], baseline: number, opts = options) =>
  computeOri({ brand: 'Acme', mentions, baselineDailyVolume: baseline, now, options: opts });
const EPS = 1e-9;

describe('computeOri properties', () => {
  it('is bounded 0..100 for any input', () => {
    fc.assert(
      fc.property(fc.array(mentionArb, { maxLength: 60 }), baselineArb, optionsArb, (ms, b, o) => {
        const r = ori(ms, b, o);
        for (const v of [r.value, r.components.sentiment, r.components.engagement, r.components.volume]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  it('never drops when a positive mention is added, never rises when a negative one is', () => {
    fc.assert(
      fc.property(fc.array(mentionArb, { maxLength: 60 }), mentionArb, baselineArb, optionsArb, (ms, extra, b, o) => {
        const before = ori(ms, b, o).value;
        const fresh = (label: SentimentLabel): Mention => ({ ...extra, key: 'Acme|fresh', sentiment: { ...extra.sentiment, label } });
        expect(ori([...ms, fresh('positive')], b, o).value).toBeGreaterThanOrEqual(before - EPS);
        expect(ori([...ms, fresh('negative')], b, o).value).toBeLessThanOrEqual(before + EPS);
      }),
    );
  });

  it('ignores a second mention with the same key', () => {
    fc.assert(
      fc.property(fc.array(mentionArb, { minLength: 1, maxLength: 40 }), labelArb, baselineArb, (ms, label, b) => {
        const first = ms[0]!;
        const dup: Mention = { ...first, sentiment: { ...first.sentiment, label }, reach: { score: 99_999 } };
        expect(ori([...ms, dup], b)).toEqual(ori(ms, b));
      }),
    );
  });
});

describe('computeOri figures', () => {
  it('is 50 with no mentions', () => {
    const r = ori([], 10);
    expect(r.value).toBe(50);
    expect(r.effective.total).toBe(0);
  });

  it('one confident positive mention moves the index but not to 100 (Bayesian prior)', () => {
    const r = ori([mention('a', 'positive', ago(0), { confidence: 1 })], 0);
    // sentiment 50*(1+1/4) = 62.5; engagement 50 (no engagement); volume 50*(1+1/(1+0+1)) = 75
    expect(r.components.sentiment).toBeCloseTo(62.5, 9);
    expect(r.components.engagement).toBeCloseTo(50, 9);
    expect(r.components.volume).toBeCloseTo(75, 9);
    expect(r.value).toBeCloseTo(0.6 * 62.5 + 0.2 * 50 + 0.2 * 75, 9);
  });

  it('halves the weight of a mention one half-life old and ignores mentions outside the window', () => {
    const r = ori([mention('a', 'negative', ago(72)), mention('old', 'positive', ago(24 * 8))], 0);
    expect(r.effective.negative).toBeCloseTo(0.5, 9);
    expect(r.effective.positive).toBe(0);
    expect(r.components.sentiment).toBeCloseTo(50 * (1 - 0.45 / 3.45), 9);
  });

  it('damps the volume component for a brand with a large baseline', () => {
    const ms = [mention('a', 'positive', ago(1)), mention('b', 'positive', ago(2))];
    expect(ori(ms, 1000).components.volume).toBeLessThan(ori(ms, 1).components.volume);
    expect(expectedDecayedVolume(24, 72, 7)).toBeCloseTo((72 / Math.LN2) * (1 - 2 ** (-168 / 72)), 9);
  });

  it('lists top contributors by absolute impact, engaged ones first, neutral never', () => {
    const ms = [
      mention('small', 'positive', ago(1)),
      mention('viral', 'negative', ago(1), { reach: { score: 5000, comments: 300 } }),
      mention('neutral', 'neutral', ago(1), { reach: { score: 9000 } }),
    ];
    const r = ori(ms, 5);
    expect(r.topContributors.map((m) => m.key)).toEqual(['Acme|viral', 'Acme|small']);
    expect(r.topContributors[0]).toMatchObject({ engagement: 5300, url: 'https://news.example/viral', sentiment: 'negative' });
  });

  it('rejects a non-positive half-life with a typed error', () => {
    expect(() => ori([], 1, { ...options, halfLifeHours: 0 })).toThrow(InvalidAnalysisOptionsError);
  });
});
