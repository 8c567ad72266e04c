import { mulberry32 } from '../src/shared/prng.js';
/**
 * Parse throughput of parseFeed on generated RSS 2.0 documents.
 *   npx tsx bench/parse-bench.ts 100 1000 10000
 */
import { parseFeed } from '../src/sources/rss/parse-feed.js';

const WORDS = (
  'acme launch product review customer support outage refund great terrible love hate price update release ' +
  'security breach partner market share growth report quarter earnings feature bug fix delay shipping quality'
).split(' ');

const rng = mulberry32;

function sentence(rand: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)] ?? 'acme').join(' ');
}

/** An RSS 2.0 document with n realistic items (HTML descriptions, entities, dc:creator, RFC 822 dates). Deterministic per seed. */
export function generateRssXml(n: number, seed = 42): string {
  const rand = rng(seed);
  const start = Date.UTC(2026, 10, 1);
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    const date = new Date(start + i * 60_000 + Math.floor(rand() * 60_000)).toUTCString();
    const body = `<p>${sentence(rand, 25)} &amp; ${sentence(rand, 10)}</p><p><a href="https://example.com/x">link</a> ${sentence(rand, 20)}</p>`;
    items.push(
      `<item><title>${sentence(rand, 8)} &#8220;${i}&#8221;</title>` +
        `<link>https://news.example.com/${i}-${sentence(rand, 3).replace(/ /g, '-')}</link>` +
        `<guid isPermaLink="false">item-${seed}-${i}</guid><dc:creator>Author ${i % 37}</dc:creator>` +
        `<pubDate>${date}</pubDate><description><![CDATA[${body}]]></description></item>`,
    );
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>' +
    `<title>Generated</title><link>https://news.example.com/</link><description>bench</description>${items.join('\n')}</channel></rss>`
  );
}

export interface ParseBenchRow {
  items: number;
  ms: number;
  itemsPerSec: number;
  /** heap growth during the parse, MB (indicative: GC may run) */
  heapMB: number;
}

/** Times parseFeed on generated documents of each size (item cap lifted so every item is built). */
export async function benchParse(itemCounts: number[]): Promise<ParseBenchRow[]> {
  const rows: ParseBenchRow[] = [];
  for (const n of itemCounts) {
    const xml = generateRssXml(n);
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const { items } = await parseFeed(xml, 'https://news.example.com/feed.xml', Number.MAX_SAFE_INTEGER);
    const ms = performance.now() - t0;
    const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    if (items.length !== n) throw new Error(`expected ${n} items, parsed ${items.length}`);
    rows.push({ items: n, ms: Math.round(ms * 10) / 10, itemsPerSec: Math.round((n / ms) * 1000), heapMB: Math.round(heapMB * 10) / 10 });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
  console.table(await benchParse(counts.length > 0 ? counts : [100, 1000, 10000]));
}
