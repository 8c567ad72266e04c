import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQuery, type MatchDocument } from '../../src/matching/query/compile.js';

const VOCAB = ['acme', 'refund', 'outage', 'café', 'noir', 'price', 'hike'];
const word = fc.constantFrom(...VOCAB);

/** words, phrases, wildcards, hashtags: the operands NEAR accepts */
const span: fc.Arbitrary<string> = fc.oneof(
  word,
  fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`),
  word.map((w) => `${w.slice(0, 3)}*`),
  word.map((w) => `#${w}`),
);

const { query } = fc.letrec<{ query: string }>((tie) => ({
  query: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    span,
    word.map((w) => `title:${w}`),
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a} AND ${b})`),
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a} OR ${b})`),
    tie('query').map((a) => `NOT (${a})`),
    fc.tuple(span, fc.integer({ min: 0, max: 4 }), span).map(([a, n, b]) => `${a} NEAR/${n} ${b}`),
  ),
}));

const text = fc.array(fc.oneof(word, word.map((w) => `#${w}`), fc.constantFrom('the', 'and', 'is')), { maxLength: 14 }).map((ws) => ws.join(' '));
const doc: fc.Arbitrary<MatchDocument> = fc.record({ title: text, text });
const m = (q: string, d: MatchDocument): boolean => compileQuery(q).matches(d);

describe('query algebra', () => {
  it('NOT NOT q is q', () => {
    fc.assert(fc.property(query, doc, (q, d) => m(`NOT NOT (${q})`, d) === m(q, d)));
  });

  it('a OR b holds wherever a holds; a AND b only where both hold', () => {
    fc.assert(
      fc.property(query, query, doc, (a, b, d) => {
        if (m(a, d)) expect(m(`(${a}) OR (${b})`, d)).toBe(true);
        expect(m(`(${a}) AND (${b})`, d)).toBe(m(a, d) && m(b, d));
      }),
    );
  });

  it('De Morgan: NOT (a OR b) is NOT a AND NOT b', () => {
    fc.assert(fc.property(query, query, doc, (a, b, d) => m(`NOT ((${a}) OR (${b}))`, d) === m(`NOT (${a}) NOT (${b})`, d)));
  });

  it('NEAR is symmetric, widening never loses a match, and implies AND', () => {
    fc.assert(
      fc.property(span, span, fc.integer({ min: 0, max: 5 }), doc, (a, b, n, d) => {
        const near = m(`${a} NEAR/${n} ${b}`, d);
        expect(m(`${b} NEAR/${n} ${a}`, d)).toBe(near);
        if (near) expect(m(`${a} NEAR/${n + 1} ${b}`, d)).toBe(true);
        if (near) expect(m(`${a} ${b}`, d)).toBe(true);
        if (m(`${a} NEAR/${n}f ${b}`, d)) expect(near).toBe(true);
      }),
    );
  });

  it('letter case of the document never changes the result', () => {
    fc.assert(fc.property(query, doc, (q, d) => m(q, { title: d.title.toUpperCase(), text: d.text.toUpperCase() }) === m(q, d)));
  });
});
