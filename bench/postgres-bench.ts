import { silentLogger } from '../src/shared/logger.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { findPgBin, startPgCluster } from '../test/support/pg-cluster.js';
import { batch, mention } from '../test/store/helpers.js';

/**
 * The Postgres store against N stored mentions, on a private local cluster (fsync off, like the tests: figures are
 * CPU and query costs, not disk latency): seeding in 1,000-mention batches, one cycle commit (100 new mentions and 200
 * seen keys), a one-brand 10-day query, a 61-day rollup read and a 1,000-key seenItems (medians).
 */
const words = ['outage', 'launch', 'price', 'support', 'refund', 'update', 'crash', 'login', 'fast', 'slow'];
const brands = ['acme', 'globex', 'nimbus', 'stratus', 'initech'];
const DAY = 86_400_000;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function benchPostgres(sizes: number[]): Promise<object[]> {
  if (!findPgBin()) return [{ note: 'PostgreSQL binaries not found: stage skipped' }];
  const cluster = await startPgCluster();
  const rows: object[] = [];
  try {
    for (const size of sizes) {
      const store = await openPostgresStore({ url: cluster.url, logger: silentLogger(), schema: `bench_${size}` });
      const t0 = Date.parse('2026-10-01T00:00:00Z');
      let n = 0;
      const mk = (count: number, base: number, spreadMs: number) =>
        Array.from({ length: count }, () => {
          const i = n++;
          return mention({ itemKey: `rss:${i}`, brand: brands[i % 5]!, publishedAt: new Date(base + (i % count) * (spreadMs / count)).toISOString(), terms: [words[i % 10]!, `${words[(i * 7) % 10]!}x`, `t${i % 300}`] });
        });
      let s = performance.now();
      const batches = size / 1000;
      for (let b = 0; b < batches; b++) await store.commit(batch({ mentions: mk(1000, t0 + (b * 50 * DAY) / batches, (50 * DAY) / batches) }));
      const seedS = (performance.now() - s) / 1000;
      const live = t0 + 60 * DAY;
      const commits: number[] = [];
      for (let r = 0; r < 20; r++) {
        s = performance.now();
        await store.commit(batch({ mentions: mk(100, live + r * 60_000, 60_000), seenItemKeys: Array.from({ length: 200 }, (_, k) => `x${r}:${k}`) }));
        commits.push(performance.now() - s);
      }
      const queries: number[] = [];
      let got = 0;
      for (let r = 0; r < 10; r++) {
        s = performance.now();
        got = (await store.queryMentions({ brand: 'acme', since: new Date(t0 + 41 * DAY).toISOString(), until: new Date(live + DAY).toISOString(), limit: 20_000 })).length;
        queries.push(performance.now() - s);
      }
      let hours = 0;
      const rollupTimes: number[] = [];
      const seenTimes: number[] = [];
      for (let r = 0; r < 5; r++) {
        s = performance.now();
        hours = (await store.rollups('acme', new Date(t0).toISOString(), new Date(live + DAY).toISOString())).length;
        rollupTimes.push(performance.now() - s);
        s = performance.now();
        await store.seenItems(Array.from({ length: 1000 }, (_, k) => `rss:${k * 7 + r}`));
        seenTimes.push(performance.now() - s);
      }
      const rollupMs = median(rollupTimes);
      const seenMs = median(seenTimes);
      await store.close();
      rows.push({
        stored: size,
        'seed (1k batches)': `${Math.round(size / seedS).toLocaleString('en')} mentions/s`,
        'cycle commit p50 / max': `${median(commits).toFixed(1)} / ${Math.max(...commits).toFixed(1)} ms`,
        'query 1 brand, 10 days': `${median(queries).toFixed(1)} ms (${got} rows)`,
        'rollups 1 brand, 61 days': `${rollupMs.toFixed(1)} ms (${hours} hours)`,
        'seenItems 1,000 keys': `${seenMs.toFixed(1)} ms`,
      });
    }
  } finally {
    await cluster.stop();
  }
  return rows;
}
