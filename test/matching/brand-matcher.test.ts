import { describe, expect, it } from 'vitest';
import { createBrandMatcher, toMatchDocument } from '../../src/matching/brand-matcher.js';
import { QueryParseError } from '../../src/matching/query/compile.js';

describe('createBrandMatcher', () => {
  const matcher = createBrandMatcher([
    { name: 'Acme', aliases: ['Acme Corp', '#acme'] },
    { name: 'Café Noir', aliases: [] },
    { name: 'Globex', aliases: ['globex'], query: 'globex -title:hiring' },
  ]);

  it('GIVEN no query THEN the name or any alias matches as a phrase', () => {
    expect(matcher.match({ title: 'ACME CORP results', text: '' })).toEqual(['Acme']);
    expect(matcher.match({ title: 'Love cafe', text: 'the café noir is open' })).toEqual(['Café Noir']);
    expect(matcher.match({ title: 'Café', text: 'noir' })).toEqual([]);
    expect(matcher.match({ title: 'macme', text: 'acmes' })).toEqual([]);
  });

  it('GIVEN a query THEN the query decides, not the aliases', () => {
    expect(matcher.match({ title: 'Globex is hiring', text: 'globex' })).toEqual([]);
    expect(matcher.match({ title: 'Globex and Acme merge', text: '' })).toEqual(['Acme', 'Globex']);
  });

  it('throws QueryParseError for an invalid brand query', () => {
    expect(() => createBrandMatcher([{ name: 'X', aliases: [], query: 'x AND' }])).toThrow(QueryParseError);
  });

  it('builds a match document whose source holds kind and id', () => {
    const doc = toMatchDocument({ sourceId: 'technews', sourceKind: 'rss', title: 't', text: 'b', site: 'example.com' });
    const m = createBrandMatcher([{ name: 'T', aliases: [], query: 'source:rss source:technews site:example.com' }]);
    expect(m.match(doc)).toEqual(['T']);
  });
});
