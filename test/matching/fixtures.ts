import type { MatchDocument } from '../../src/matching/query/compile.js';

/** text words: customers(0) say(1) acme's(2) refund(3) policy(4) is(5) a(6) joke(7) #acmefail(8) @acme_support(9) */
export const D1: MatchDocument = {
  title: 'Acme raises prices again',
  text: "Customers say Acme's refund policy is a joke. #AcmeFail @acme_support",
  site: 'news.example.com',
  author: 'Jane Doe',
  source: 'rss:technews',
};
export const D2: MatchDocument = {
  title: 'Café review',
  text: 'The Café Noir in Paris serves great coffee. Acme在中国很受欢迎',
  site: 'www.reddit.com',
  author: 'u/coffee_fan',
  source: 'reddit',
};
export const D3: MatchDocument = { title: 'Trending', text: '#acme is trending, ping @acme or mail info@acmemail.com' };
export const D4: MatchDocument = { title: 'Новости', text: 'Компания ACME объявила о снижении цен. Ёлка' };
export const D5: MatchDocument = { title: 'Macme', text: 'acmes everywhere' };
export const D6: MatchDocument = { title: 'T-Mobile outage', text: 'Calls dropped nationwide' };
/** the same sentence with a decomposed é (NFD) */
export const D7: MatchDocument = { title: 'Cafe\u0301 Noir opens', text: '' };
