import type { HourlyRollup, Mention, SentimentLabel } from '../../src/domain/types.js';

export function mention(
  key: string,
  label: SentimentLabel,
  publishedAt: string,
  extra: Partial<Omit<Mention, 'sentiment'>> & { confidence?: number } = {},
): Mention {
  const { confidence = 0.9, ...rest } = extra;
  const brand = rest.brand ?? 'Acme';
  return {
    key: `${brand}|${key}`,
    itemKey: key,
    brand,
    sourceId: 'feed-1',
    sourceKind: 'rss',
    url: `https://news.example/${key}`,
    title: `Title ${key}`,
    text: `Text of ${key}`,
    publishedAt,
    fetchedAt: publishedAt,
    reach: {},
    topics: [],
    backfill: false,
    ...rest,
    sentiment: {
      label,
      confidence,
      scores: { negative: 0, neutral: 0, positive: 0, [label]: confidence },
      classifier: 'test',
    },
  };
}

export function rollup(hour: string, count: number, extra: Partial<HourlyRollup> = {}): HourlyRollup {
  return { brand: 'Acme', hour, count, positive: 0, neutral: count, negative: 0, engagement: 0, terms: {}, ...extra };
}

const HOUR_MS = 3_600_000;

/** Hourly rollups from `start` for `hours` hours, count given by fn(hourIndex, date). */
export function series(start: string, hours: number, fn: (i: number, d: Date) => Partial<HourlyRollup> & { count: number }): HourlyRollup[] {
  const s = Date.parse(start);
  const out: HourlyRollup[] = [];
  for (let i = 0; i < hours; i++) {
    const d = new Date(s + i * HOUR_MS);
    const r = fn(i, d);
    out.push(rollup(d.toISOString(), r.count, r));
  }
  return out;
}
