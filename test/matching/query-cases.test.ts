import { describe, expect, it } from 'vitest';
import { compileQuery, prepareDocument, type MatchDocument } from '../../src/matching/query/compile.js';
import { D1, D2, D3, D4, D5, D6, D7 } from './fixtures.js';

const cases: [query: string, doc: MatchDocument, expected: boolean][] = [
  // plain words, case, word boundaries
  ['acme', D1, true],
  ['ACME', D1, true],
  ['acme', D5, false], // `macme`, `acmes` are other words
  ['acmes', D5, true],
  ["acme's", D1, true],
  ['"acme refund"', D1, true], // a possessive still counts as the word
  ['acme', D4, true],
  ['компания', D4, true],
  ['ёлка', D4, true],
  ['"компания acme объявила"', D4, true],
  ['café', D2, true],
  ['CAFÉ', D2, true],
  ['cafe', D2, false], // accents are not folded
  ['"café noir"', D7, true], // NFD text, NFC query
  ['acme', D2, true], // Latin word followed by Han characters
  ['中国', D2, true],
  ['"中国很"', D2, true],
  ['t-mobile', D6, true], // a term with punctuation is the phrase of its words
  ['"mobile t"', D6, false],
  // hashtags and handles
  ['#acme', D3, true],
  ['#acme', D1, false], // D1 has #AcmeFail only
  ['#acmefail', D1, true],
  ['acmefail', D1, true], // a plain word also finds the hashtag
  ['@acme', D3, true],
  ['@acme', D1, false], // @acme_support is another handle
  ['@acme_support', D1, true],
  ['#acme_support', D1, false],
  ['@acmemail', D3, false], // an e-mail address is not a handle
  ['acmemail', D3, true],
  // AND / implicit AND / OR / NOT / -
  ['acme AND refund', D1, true],
  ['acme AND coffee', D1, false],
  ['acme refund', D1, true],
  ['acme coffee', D1, false],
  ['coffee OR refund', D1, true],
  ['coffee OR tea', D1, false],
  ['acme NOT refund', D1, false],
  ['acme NOT coffee', D1, true],
  ['acme -coffee', D1, true],
  ['acme -refund', D1, false],
  ['-coffee', D1, true],
  ['NOT (coffee OR refund)', D1, false],
  ['acme -"refund policy"', D1, false],
  // precedence NOT > NEAR > AND > OR
  ['coffee AND tea OR acme', D1, true],
  ['acme OR coffee AND tea', D1, true],
  ['(acme OR coffee) AND tea', D1, false],
  ['NOT acme AND coffee', D1, false],
  ['refund OR acme NEAR/0 joke', D1, true],
  ['(refund OR acme) NEAR/0 joke', D1, false],
  ['coffee AND tea OR joke NEAR/1 acme', D1, false],
  // NEAR, both orders, ordered, phrases, groups, chains
  ['acme NEAR/0 refund', D1, true],
  ['acme NEAR/4 joke', D1, true],
  ['acme NEAR/3 joke', D1, false],
  ['joke NEAR/4 acme', D1, true],
  ['joke NEAR/3 acme', D1, false],
  ['acme NEAR/4f joke', D1, true],
  ['joke NEAR/4f acme', D1, false],
  ['"refund policy" NEAR/2 joke', D1, true],
  ['"refund policy" NEAR/1 joke', D1, false],
  ['joke NEAR/2 "refund policy"', D1, true],
  ['(coffee OR customers) NEAR/0 say', D1, true],
  ['customers NEAR/1 acme NEAR/1 policy', D1, true],
  ['customers NEAR/1 acme NEAR/0 policy', D1, false],
  ['raises NEAR/10 customers', D1, false], // never across title and text
  ['acme NEAR/5 acme', D1, false], // one occurrence per field is not two
  ['acm* NEAR/1 pol*', D1, true],
  // fields
  ['title:acme', D1, true],
  ['title:refund', D1, false],
  ['text:refund', D1, true],
  ['TITLE:acme', D1, true],
  ['title:"raises prices"', D1, true],
  ['title:(acme AND prices)', D1, true],
  ['title:(acme AND refund)', D1, false],
  ['title:(raises NEAR/1 again)', D1, true],
  ['site:example.com', D1, true], // subdomains match
  ['site:news.example.com', D1, true],
  ['site:ample.com', D1, false],
  ['site:reddit.com', D2, true],
  ['site:www.reddit.com', D2, true],
  ['-site:reddit.com', D2, false],
  ['site:reddit.com', D3, false], // no site at all
  ['author:jane', D1, true],
  ['author:"jane doe"', D1, true],
  ['author:john', D1, false],
  ['author:coffee_fan', D2, true],
  ['source:rss', D1, true],
  ['source:technews', D1, true],
  ['source:reddit', D1, false],
  ['source:reddit coffee', D2, true],
  // wildcards
  ['acm*', D5, true],
  ['acm*', D6, false],
  ['ac*e', D1, true],
  ['pri*s', D1, true],
  ['*fail', D1, true],
  ['#acm*', D1, true],
  ['#acm*', D2, false],
  ['"refund pol*"', D1, true],
  ['refun*', D2, false],
  ['caf*', D2, true],
];

describe('compileQuery().matches', () => {
  it.each(cases)('%s on %#', (query, doc, expected) => {
    expect(compileQuery(query).matches(doc)).toBe(expected);
  });

  it('gives the same answers for a prepared document', () => {
    for (const [query, doc, expected] of cases) expect(compileQuery(query).matches(prepareDocument(doc)), query).toBe(expected);
  });

  it('GIVEN a prepared document THEN each field is read and tokenised once for all queries', () => {
    let reads = 0;
    const doc = {
      get title() {
        reads++;
        return 'Acme refund';
      },
      text: 'body',
    };
    const prepared = prepareDocument(doc);
    for (const q of ['acme', 'refund', 'title:acme', 'acme NEAR/1 refund', 'acm* -foo']) compileQuery(q).matches(prepared);
    expect(reads).toBe(1);
  });
});
