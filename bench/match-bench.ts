import { performance } from 'node:perf_hooks';
import { createBrandMatcher, type BrandQuerySpec } from '../src/matching/brand-matcher.js';
import type { MatchDocument } from '../src/matching/query/compile.js';

/** Five brands mixing every construct: plain names/aliases, NEAR, phrases, wildcards, fields, NOT. */
export const BENCH_BRANDS: BrandQuerySpec[] = [
  { name: 'Acme', aliases: ['Acme Corp', '#acme'] },
  { name: 'Globex', aliases: [], query: '(globex OR "globex corporation") -site:example.org NOT title:hiring' },
  { name: 'Initech', aliases: [], query: 'initech NEAR/4 (refund OR outage OR "price hike") OR #initech' },
  { name: 'Umbrella', aliases: [], query: 'umbrell* AND (vaccine OR pharma*) NOT "umbrella stand"' },
  { name: 'Café Noir', aliases: ['CafeNoir'], query: '"café noir" OR @cafenoir OR (source:reddit title:noir)' },
];

const WORDS = (
  'the service was great but the app keeps crashing after update and support never answers my emails ' +
  'prices went up again this month customers are angry about the outage refund policy is unclear ' +
  'we tried the new product yesterday and honestly it works fine the delivery arrived two days late'
).split(' ');
const MENTIONS = ['Acme', 'Globex', 'Initech refund', 'Umbrella pharma', 'Café Noir', '#acme', '@cafenoir', 'Acme’s'];

/** Deterministic pseudo-random items: ~40-word bodies, about a third mention a brand. */
export function benchItems(n: number): MatchDocument[] {
  let seed = 42;
  const rnd = (k: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed >>> 16) % k; // the low bits of this LCG cycle too fast
  };
  const items: MatchDocument[] = [];
  for (let i = 0; i < n; i++) {
    const body = Array.from({ length: 40 }, () => WORDS[rnd(WORDS.length)]!);
    if (rnd(3) === 0) body.splice(rnd(body.length), 0, MENTIONS[rnd(MENTIONS.length)]!);
    const title = Array.from({ length: 8 }, () => WORDS[rnd(WORDS.length)]!).join(' ');
    items.push({ title, text: `${body.join(' ')}.`, site: rnd(2) === 0 ? 'www.reddit.com' : 'news.example.com', source: rnd(2) === 0 ? 'reddit' : 'rss:news' });
  }
  return items;
}

/** Matches n generated items against the five brands on one core; returns throughput. */
export async function benchMatch(n: number): Promise<{ items: number; brands: number; ms: number; itemsPerSec: number }> {
  const items = benchItems(n);
  const matcher = createBrandMatcher(BENCH_BRANDS);
  for (const d of items.slice(0, Math.min(n, 2000))) matcher.match(d); // warm-up
  await Promise.resolve();
  const t0 = performance.now();
  let hits = 0;
  for (const d of items) hits += matcher.match(d).length;
  const ms = performance.now() - t0;
  if (hits === 0 && n > 100) throw new Error('benchmark matched nothing: brands or items are broken');
  return { items: n, brands: BENCH_BRANDS.length, ms: Math.round(ms * 10) / 10, itemsPerSec: Math.round(n / (ms / 1000)) };
}
