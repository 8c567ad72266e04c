import { describe, expect, it } from 'vitest';
import { brandPart, isGenericTest, splitBucket, splitKey, BUCKETS, GENERIC_TEST_SALT } from '../../../scripts/train/splits.js';
import { calibration } from '../../../scripts/train/metrics.js';

const tweets = Array.from({ length: 4000 }, (_, i) => `tweet number ${i} about the weather and a ${i % 7 === 0 ? 'bad' : 'fine'} day`);

describe('frozen evaluation splits: a hash rule on each text, no stored data', () => {
  it('GIVEN copies of a tweet that differ in case, links, handles and punctuation THEN they fall on the same side', () => {
    const a = 'Loving the new release, great work team!';
    const copies = [a, a.toUpperCase(), `@user ${a} https://t.co/abc`, a.replace(/[!,]/g, ' ')];
    expect(new Set(copies.map(splitKey)).size).toBe(1);
    expect(new Set(copies.map(isGenericTest)).size).toBe(1);
    expect(new Set(copies.map(brandPart)).size).toBe(1);
  });

  it('GIVEN the same texts in another order THEN each keeps its side (the rule reads the text, not the line number)', () => {
    const forward = tweets.map(isGenericTest);
    const backward = [...tweets].reverse().map(isGenericTest).reverse();
    expect(backward).toEqual(forward);
  });

  it('GIVEN many texts THEN about 10 % are generic test and the brand parts are about 30 / 20 / 50 %', () => {
    const share = (p: (t: string) => boolean): number => tweets.filter(p).length / tweets.length;
    expect(share(isGenericTest)).toBeGreaterThan(0.08);
    expect(share(isGenericTest)).toBeLessThan(0.12);
    expect(share((t) => brandPart(t) === 'test')).toBeGreaterThan(0.27);
    expect(share((t) => brandPart(t) === 'test')).toBeLessThan(0.33);
    expect(share((t) => brandPart(t) === 'tune')).toBeGreaterThan(0.17);
    expect(share((t) => brandPart(t) === 'tune')).toBeLessThan(0.23);
    const b = splitBucket(tweets[0]!, GENERIC_TEST_SALT);
    expect(b).toBeGreaterThanOrEqual(0);
    expect(b).toBeLessThan(BUCKETS);
  });
});

describe('calibration: ECE and reliability table', () => {
  it('GIVEN confidences that match accuracy in every bin THEN ECE is 0', () => {
    // 10 predictions at 0.9 confidence, 9 right; 10 at 0.5, 5 right
    const probs: number[] = [];
    const predicted: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 10; i++) {
      probs.push(0.9, 0.05, 0.05);
      predicted.push(0);
      labels.push(i < 9 ? 0 : 1);
    }
    for (let i = 0; i < 10; i++) {
      probs.push(0.3, 0.2, 0.5);
      predicted.push(2);
      labels.push(i < 5 ? 2 : 0);
    }
    const c = calibration(probs, predicted, labels);
    expect(c.ece).toBeCloseTo(0, 10);
    expect(c.bins.reduce((n, b) => n + b.n, 0)).toBe(20);
  });

  it('GIVEN over-confident predictions THEN ECE is the confidence-accuracy gap', () => {
    const probs = Array.from({ length: 10 }, () => [0.95, 0.03, 0.02]).flat();
    const c = calibration(probs, new Array(10).fill(0), [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(c.ece).toBeCloseTo(0.45, 10);
    const top = c.bins.at(-1)!;
    expect(top).toMatchObject({ n: 10, accuracy: 0.5 });
    expect(top.meanConfidence).toBeCloseTo(0.95, 10);
  });
});
