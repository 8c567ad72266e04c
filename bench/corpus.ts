import type { RawItem } from '../src/domain/types.js';
import { mulberry32 } from '../src/shared/prng.js';

const BRANDS = ['Nimbus', 'Stratus', 'Brightloom', 'Acme', 'Globex'];
const PHRASES = [
  'really love the new release of {b}, fast and reliable',
  '{b} support never answered my ticket, disappointed',
  'thinking about switching from {b} to something cheaper',
  '{b} announced new pricing for next year',
  'the {b} app crashed again during checkout, awful',
  'shout out to the {b} team for the quick fix',
  'weather is nice today, going for a walk',
  'new phone arrived, setting it up now',
  'anyone watched the game last night? great finish',
  'coffee first, then emails',
];

/** A deterministic corpus of realistic short posts; about half mention one of five brands. */
export function generateItems(n: number, seed = 7, startMs = Date.parse('2026-11-20T00:00:00Z'), spanMs = 72 * 3_600_000): RawItem[] {
  const r = mulberry32(seed);
  const out: RawItem[] = [];
  for (let i = 0; i < n; i++) {
    const phrase = PHRASES[Math.floor(r() * PHRASES.length)] as string;
    const brand = BRANDS[Math.floor(r() * BRANDS.length)] as string;
    const text = phrase.replace('{b}', brand);
    out.push({
      sourceId: `bench-${i % 20}`,
      sourceKind: 'rss',
      guid: `https://bench.example/p/${seed}/${i}`,
      link: `https://bench.example/p/${seed}/${i}`,
      title: text.slice(0, 60),
      text,
      author: `user${Math.floor(r() * 5000)}`,
      publishedAt: new Date(startMs + Math.floor(r() * spanMs)).toISOString(),
      site: 'bench.example',
      reach: { score: Math.floor(r() * 50), comments: Math.floor(r() * 10) },
    });
  }
  return out;
}

export const BENCH_BRANDS = BRANDS.map((name) => ({ name, aliases: [], competitors: BRANDS.filter((b) => b !== name), topics: {}, crisisKeywords: [], reddit: false }));
