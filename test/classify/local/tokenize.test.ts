import { describe, expect, it } from 'vitest';
import { EMO_NEG, EMO_POS, tokenize } from '../../../src/classify/local/tokenize.js';
import { extractFeatures, FeatureBuffer, DEFAULT_FEATURE_CONFIG } from '../../../src/classify/local/features.js';

describe('tokenize', () => {
  it('marks negation scope until punctuation', () => {
    const t = tokenize("I don't like it, but fine");
    const neg = t.filter((x) => x.negated).map((x) => x.text);
    expect(neg).toEqual(['like', 'it']);
  });

  it('maps emoticons and emoji onto polarity tokens', () => {
    expect(tokenize('yay :) 😍 <3').map((t) => t.text)).toEqual(['yay', EMO_POS, EMO_POS, EMO_POS]);
    expect(tokenize('ugh :( 😡').map((t) => t.text)).toEqual(['ugh', EMO_NEG, EMO_NEG]);
  });

  it('squeezes elongations, flags ALL CAPS and normalises mentions and links', () => {
    const t = tokenize('@bob SOOOO goood http://x.y/z');
    expect(t.map((x) => x.text)).toEqual(['@user', 'soo', 'good', '__url']);
    expect(t[1]).toMatchObject({ caps: true, elongated: true });
    expect(t[2]).toMatchObject({ caps: false, elongated: true });
  });
});

describe('extractFeatures', () => {
  it('is deterministic and stays inside the hash space', () => {
    const buf = new FeatureBuffer(4);
    const lex = new Map([['good', 1.9]]);
    const n1 = extractFeatures('not good at all!!', DEFAULT_FEATURE_CONFIG, lex, buf);
    const first = Array.from(buf.idx.subarray(0, n1));
    const n2 = extractFeatures('not good at all!!', DEFAULT_FEATURE_CONFIG, lex, buf);
    expect(n2).toBe(n1);
    expect(Array.from(buf.idx.subarray(0, n2))).toEqual(first);
    expect(first.every((i) => i >= 0 && i < 1 << DEFAULT_FEATURE_CONFIG.bits)).toBe(true);
  });
});
