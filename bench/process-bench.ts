/**
 * Whole-process comparison: our `classify` CLI (node + tsx, config, offline model, language router, JSONL out) against
 * a vader-sentiment process doing the same job (bench/vader-process.js), on the same N tweets from stdin. Each
 * process reports its own CPU time at exit (bench/cpu-report.js), so the ratio does not depend on what else the
 * machine is running; wall time is printed too. Best of `runs` for each.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export interface ProcessBenchRow {
  process: string;
  texts: number;
  cpuSeconds: number;
  wallSeconds: number;
  /** CPU time of vader's process / this one's */
  speedupVsVader: number;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const cpuReport = z.object({ user: z.number(), system: z.number() });

function runOnce(args: string[], input: string, dir: string): { cpuSeconds: number; wallSeconds: number; lines: number } {
  const cpuFile = join(dir, `cpu-${process.hrtime.bigint()}.json`);
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', './bench/cpu-report.js', ...args], {
    cwd: ROOT,
    input,
    env: { ...process.env, BENCH_CPU_FILE: cpuFile, LOG_LEVEL: 'warn' },
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const wallSeconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const u = cpuReport.parse(JSON.parse(readFileSync(cpuFile, 'utf8')));
  return { cpuSeconds: (u.user + u.system) / 1e6, wallSeconds, lines: r.stdout.split('\n').filter((l) => l !== '').length };
}

export function benchClassifyProcess(texts: readonly string[], runs = 3): ProcessBenchRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'bench-process-'));
  const input = `${texts.join('\n')}\n`;
  try {
    const measure = (name: string, args: string[]): Omit<ProcessBenchRow, 'speedupVsVader'> => {
      let best = { cpuSeconds: Infinity, wallSeconds: Infinity };
      for (let i = 0; i < runs; i++) {
        const m = runOnce(args, input, dir);
        if (m.lines !== texts.length) throw new Error(`${name}: ${m.lines} lines out for ${texts.length} in`);
        best = { cpuSeconds: Math.min(best.cpuSeconds, m.cpuSeconds), wallSeconds: Math.min(best.wallSeconds, m.wallSeconds) };
      }
      return { process: name, texts: texts.length, ...best };
    };
    const ours = measure('classify CLI (node --import tsx src/cli.ts classify)', ['--import', 'tsx', 'src/cli.ts', 'classify']);
    const vader = measure('vader-sentiment (node bench/vader-process.js)', ['bench/vader-process.js']);
    return [
      { ...ours, speedupVsVader: vader.cpuSeconds / ours.cpuSeconds },
      { ...vader, speedupVsVader: 1 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first `n` training tweets (../shared/data/sentiment, outside the repo). */
export function benchTweets(n: number, file = join(ROOT, '../shared/data/sentiment/train_text.txt')): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').slice(0, n);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(1, `${JSON.stringify(benchClassifyProcess(benchTweets(20_000)), null, 2)}\n`);
}
