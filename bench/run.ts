/**
 * `npm run bench`: throughput of each stage and of the whole cycle, per-cycle store cost against stored history,
 * memory, the offline model's quality and speed (with vader-sentiment for comparison), and feed-to-chat latency.
 * Set BENCH_QUICK=1 for a fast smoke run (smaller sizes). `npm run bench -- soak` runs the soak (a simulated day).
 */
import { benchParse } from './parse-bench.js';
import { benchMatch } from './match-bench.js';
import { benchClassify, benchLongText } from './classify-bench.js';
import { benchClassifyProcess, benchTweets } from './process-bench.js';
import { benchEvaluation } from './eval-bench.js';
import { benchStore } from './store-bench.js';
import { benchCycle } from './cycle-bench.js';
import { benchLatency } from './latency-bench.js';
import { benchAlerts } from './alerts/alert-bench.js';
import { benchPostgres } from './postgres-bench.js';
import { benchSoak } from './soak-bench.js';
import { benchForecast } from './forecast-bench.js';
import { benchSpikeForecast } from './alerts/forecast-probe.js';

const quick = process.env.BENCH_QUICK === '1';
const sizes = quick ? [1_000, 5_000] : [10_000, 100_000];
const storeSizes = quick ? [10_000, 50_000] : [10_000, 100_000, 1_000_000];
const only = process.argv.slice(2);
const want = (name: string): boolean => only.length === 0 || only.includes(name);

function table(title: string, input: object[]): void {
  const rows = input as Record<string, unknown>[];
  console.log(`\n## ${title}`);
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0] ?? {});
  console.log(`| ${cols.join(' | ')} |\n|${cols.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${cols.map((c) => String(r[c])).join(' | ')} |`);
}

console.log(`# Benchmark (${new Date().toISOString()}, node ${process.version}, ${quick ? 'quick' : 'full'})`);
if (want('parse')) table('Parse (rss-parser on generated RSS)', await benchParse(sizes));
if (want('match')) table('Match (5 brands, boolean queries)', await Promise.all(sizes.map((n) => benchMatch(n))));
if (want('classify')) table('Classify (offline model on the validation set; vader-sentiment on the same texts)', [await benchClassify()]);
if (want('classify')) {
  const e = await benchEvaluation();
  table('Evaluation of the shipped model: validation (the tuning set) and the frozen test splits (scripts/train/splits.ts), side by side', e.summary);
  table('Confusion matrices (rows: true label)', e.confusion);
  table('Reliability of the predicted label\'s probability (per confidence bin: texts, mean confidence -> accuracy)', e.reliability);
  for (const n of e.notes) console.log(`\nNote: ${n}`);
}
const processTweets = quick ? 2_000 : 20_000;
if (want('classify')) table(`Classify process: the classify CLI vs a vader-sentiment process on the same ${processTweets.toLocaleString('en')} tweets (stdin -> JSONL; CPU seconds, best of ${quick ? 1 : 3})`, benchClassifyProcess(benchTweets(processTweets), quick ? 1 : 3));
if (want('classify')) table('Long-text proxy: each validation tweet + N neutral training tweets, scored whole vs in chunks', await benchLongText());
if (want('store')) table('Store: one cycle commit of 100 new mentions against N stored', await benchStore(storeSizes));
if (want('postgres')) table('Postgres store: seeding, one cycle commit (100 new mentions) and the reads, against N stored', await benchPostgres(quick ? [10_000] : [10_000, 100_000]));
if (want('cycle')) table('Whole cycle (key, dedup, match, classify, topics, journaled commit) for N new items', await benchCycle(sizes));
if (want('alerts')) table('Alert quality on generated multi-brand streams (real replay, in memory; targets: recall >= 0.95, precision >= 0.9, median delay <= 60 min, <= 1.5 top-level messages per incident)', await benchAlerts(quick ? 3 : 9));
if (want('forecast')) table('Spike forecasts (alerts.forecast, defaults): quiet generated streams with one slowly building negative burst per brand (4 h exponential build-up, then 2 h); judged every 15 min', benchSpikeForecast(quick ? 2 : 6));
if (want('forecast')) table('Forecast backtest: hourly mentions and negative mentions 24 h ahead on generated streams (80 % intervals; MAE against seasonal-naive forecasts)', await benchForecast(quick ? 2 : 6));
// the soak runs only when asked for (`npm run bench -- soak`): a simulated day, minutes long in the full run
if (only.includes('soak')) table('Soak: a simulated day of feeds with churn (new items, failures and recoveries, a restart every 6 h)', [await benchSoak(quick ? { feeds: 20, items: 50_000 } : { feeds: 100, items: 1_000_000 })]);
if (want('latency')) table('Latency: item on a local feed server -> alert in the chat sink (20 runs)', [await benchLatency(quick ? 5 : 20)]);
console.log(`\npeak RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
