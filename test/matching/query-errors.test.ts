import { describe, expect, it } from 'vitest';
import { compileQuery, QueryParseError, tryCompileQuery } from '../../src/matching/query/compile.js';

const invalid: [query: string, position: number, message: RegExp][] = [
  ['', 0, /empty query/],
  ['   ', 0, /empty query/],
  ['(acme', 0, /missing "\)"/],
  ['(acme OR (foo)', 0, /missing "\)"/],
  ['acme AND (', 9, /missing "\)"/],
  ['acme)', 4, /no matching "\("/],
  ['()', 0, /empty parentheses/],
  ['acme AND', 5, /AND needs/],
  ['OR acme', 0, /OR needs .* before/],
  ['acme OR OR foo', 5, /OR needs/],
  ['acme AND OR foo', 5, /AND needs/],
  ['NOT', 0, /NOT needs/],
  ['acme -', 5, /no letters/],
  ['""', 0, /empty phrase/],
  ['acme "" foo', 5, /empty phrase/],
  ['acme " "', 5, /empty phrase/],
  ['"acme', 0, /unterminated phrase/],
  ['acme "refund', 5, /unterminated phrase/],
  ['foo:bar', 0, /unknown field "foo"/],
  ['acme https://acme.com', 5, /unknown field "https"/],
  ['title:', 0, /needs a value/],
  ['acme title: refund', 5, /needs a value/],
  ['acme NEAR refund', 5, /NEAR needs a distance/],
  ['acme NEAR/x refund', 5, /whole number/],
  ['acme NEAR/500 refund', 5, /at most 100/],
  ['acme NEAR/3', 5, /NEAR needs/],
  ['NEAR/3 acme', 0, /NEAR needs .* before/],
  ['acme NEAR/3 (refund AND policy)', 5, /NEAR joins/],
  ['NOT acme NEAR/2 refund', 9, /NEAR joins/], // NOT binds tighter than NEAR
  ['site:reddit.com NEAR/2 acme', 16, /NEAR joins/],
  ['*', 0, /wildcard/],
  ['acme a*', 5, /wildcard "a\*"/],
  ['site:reddit*', 5, /without wildcards/],
  ['acme lang:english', 10, /language code/],
  ['acme lang:e1', 10, /language code/],
  ['lang:(en NEAR/2 fr)', 9, /lang: cannot hold NEAR/],
  ['title:(site:x.com)', 7, /cannot contain another field/],
  ['title:text:acme', 11, /cannot contain another field/],
  ['!!!', 0, /no letters or digits/],
];

describe('invalid queries', () => {
  it.each(invalid)('%j fails at %i', (query, position, message) => {
    let caught: unknown;
    try {
      compileQuery(query);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(QueryParseError);
    expect((caught as QueryParseError).position).toBe(position);
    expect((caught as QueryParseError).message).toMatch(message);
  });

  it('tryCompileQuery returns the error as a value with its position', () => {
    expect(tryCompileQuery('acme AND')).toEqual({ ok: false, error: { message: expect.stringMatching(/AND needs/), position: 5 } });
    const ok = tryCompileQuery('acme');
    expect(ok.ok && ok.query.matches({ title: 'Acme', text: '' })).toBe(true);
  });

  it('accepts operators only in capitals: lowercase and/or are plain words', () => {
    const q = compileQuery('acme or refund');
    expect(q.matches({ title: 'acme refund', text: '' })).toBe(false);
    expect(q.matches({ title: 'acme or refund', text: '' })).toBe(true);
  });
});

describe('docs/QUERY-LANGUAGE.md', () => {
  it('every example compiles and every documented error has the documented position', async () => {
    const { readFile } = await import('node:fs/promises');
    const md = await readFile(new URL('../../docs/QUERY-LANGUAGE.md', import.meta.url), 'utf8');
    const examples = md.split('## Examples')[1]!.split('```')[1]!.trim().split('\n');
    expect(examples.length).toBeGreaterThan(3);
    for (const q of examples) expect(tryCompileQuery(q), q).toMatchObject({ ok: true });
    const rows = [...md.split('## Errors')[1]!.matchAll(/^\| `(.+)` \| (\d+) \|/gm)];
    expect(rows.length).toBeGreaterThan(3);
    for (const [, q, pos] of rows) expect(tryCompileQuery(q!), q).toMatchObject({ ok: false, error: { position: Number(pos) } });
  });

  it('lang: matches the detected language; an undetected one matches lang: never and -lang: always', () => {
    const q = compileQuery('acme lang:en');
    expect(q.usesLanguage).toBe(true);
    expect(compileQuery('acme').usesLanguage).toBe(false);
    expect(q.matches({ title: 'Acme is down', text: '', language: 'en' })).toBe(true);
    expect(q.matches({ title: 'Acme est en panne', text: '', language: 'fr' })).toBe(false);
    expect(q.matches({ title: 'Acme', text: '', language: 'und' })).toBe(false);
    const notFrench = compileQuery('acme -lang:fr');
    expect(notFrench.usesLanguage).toBe(true);
    expect(notFrench.matches({ title: 'Acme', text: '', language: 'und' })).toBe(true);
    expect(notFrench.matches({ title: 'Acme', text: '', language: 'fr' })).toBe(false);
    expect(compileQuery('acme (lang:en OR lang:DE)').matches({ title: 'Acme', text: '', language: 'de' })).toBe(true);
  });

  it('site: matches subdomains and subreddits', () => {
    expect(compileQuery('site:reddit.com').matches({ title: '', text: '', site: 'old.reddit.com' })).toBe(true);
    expect(compileQuery('site:r/acme').matches({ title: '', text: '', site: 'r/Acme' })).toBe(true);
    expect(compileQuery('site:r/acme').matches({ title: '', text: '', site: 'r/acmefans' })).toBe(false);
  });
});
