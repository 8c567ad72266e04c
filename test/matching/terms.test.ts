import { describe, expect, it } from 'vitest';
import { extractTerms } from '../../src/matching/terms.js';

describe('extractTerms', () => {
  it('keeps content words and hashtags, drops stopwords, numbers, URLs, handles and short words', () => {
    const text = 'The #AcmeFail refund is a JOKE!! See https://acme.com/refund?x=1 and www.acme.com/x, @acme_support 2026 ok';
    expect(extractTerms(text)).toEqual(['#acmefail', 'refund', 'joke']);
  });

  it('returns each term once in order of first appearance, with possessives reduced', () => {
    expect(extractTerms("Acme's outage. Acme outage again: outage!")).toEqual(['acme', 'outage']);
  });

  it('handles accented and Cyrillic words', () => {
    expect(extractTerms('Café Noir объявила снижение')).toEqual(['café', 'noir', 'объявила', 'снижение']);
  });

  it('adds bigrams of adjacent kept words on request', () => {
    expect(extractTerms('price hike at Acme stores', { bigrams: true })).toEqual(['price', 'hike', 'price hike', 'acme', 'stores', 'acme stores']);
  });

  it('is deterministic', () => {
    const t = 'Outage outage #down refund delayed customers angry';
    expect(extractTerms(t)).toEqual(extractTerms(t));
  });
});
