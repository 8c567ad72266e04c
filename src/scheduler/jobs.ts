import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../shared/logger.js';
import { secondsSince, type BotMetrics } from '../shared/metrics.js';

export interface JobSpec {
  name: string;
  /** node-cron expression (6 fields = with seconds) */
  cron: string;
  timezone?: string;
  run: (now: Date) => Promise<unknown>;
}

export interface JobRunner {
  /** run a job now (outside its schedule), still never overlapping itself */
  runNow(name: string): Promise<void>;
  nextRuns(): { name: string; next: string | null }[];
  /** stop scheduling and wait for running jobs to finish */
  stop(): Promise<void>;
}

export class InvalidCronError extends Error {
  constructor(readonly job: string, readonly expression: string) {
    super(`invalid cron expression for ${job}: "${expression}"`);
    this.name = 'InvalidCronError';
  }
}

/**
 * Schedule jobs so that a job never overlaps itself (a tick that is still running makes the next one a no-op)
 * and a failing job is logged and counted but never takes the process down.
 */
export function startJobs(specs: JobSpec[], logger: Logger, metrics: Pick<BotMetrics, 'jobs' | 'jobSeconds'>, clock: () => Date = () => new Date()): JobRunner {
  const running = new Map<string, Promise<void>>();
  const tasks = new Map<string, ScheduledTask>();
  const guarded = (spec: JobSpec) => async (): Promise<void> => {
    const inFlight = running.get(spec.name);
    if (inFlight) {
      metrics.jobs.inc({ job: spec.name, outcome: 'skipped' });
      return inFlight;
    }
    const p = (async () => {
      const started = performance.now();
      try {
        await spec.run(clock());
        metrics.jobs.inc({ job: spec.name, outcome: 'ok' });
      } catch (e) {
        metrics.jobs.inc({ job: spec.name, outcome: 'failed' });
        logger.error({ job: spec.name, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'Job failed');
      } finally {
        metrics.jobSeconds.observe({ job: spec.name }, secondsSince(started));
        running.delete(spec.name);
      }
    })();
    running.set(spec.name, p);
    return p;
  };
  for (const spec of specs) {
    if (!cron.validate(spec.cron)) throw new InvalidCronError(spec.name, spec.cron);
    const fn = guarded(spec);
    tasks.set(spec.name, cron.schedule(spec.cron, fn, { name: spec.name, timezone: spec.timezone, noOverlap: true }));
  }
  const fns = new Map(specs.map((s) => [s.name, guarded(s)]));
  return {
    runNow: async (name) => {
      const fn = fns.get(name);
      if (fn) await fn();
    },
    nextRuns: () => [...tasks].map(([name, t]) => ({ name, next: t.getNextRun()?.toISOString() ?? null })),
    stop: async () => {
      for (const t of tasks.values()) await t.destroy();
      await Promise.allSettled([...running.values()]);
    },
  };
}
