import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startJobs, InvalidCronError } from '../../src/scheduler/jobs.js';
import { silentLogger } from '../../src/shared/logger.js';
import { observationsOf, scratchMetrics, valueOf } from '../../src/shared/metrics.js';

describe('scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-23T08:59:58Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('GIVEN a slow job THEN runs never overlap, and a failing job does not stop later runs', async () => {
    let running = 0;
    let maxRunning = 0;
    let calls = 0;
    const metrics = scratchMetrics();
    const runner = startJobs(
      [
        {
          name: 'slow',
          cron: '* * * * * *',
          run: async () => {
            calls++;
            running++;
            maxRunning = Math.max(maxRunning, running);
            await new Promise((r) => setTimeout(r, 3500));
            running--;
            if (calls === 1) throw new Error('first run fails');
          },
        },
      ],
      silentLogger(),
      metrics,
    );
    await vi.advanceTimersByTimeAsync(12_000);
    const stopped = runner.stop();
    await vi.advanceTimersByTimeAsync(4_000);
    await stopped;
    expect(maxRunning).toBe(1);
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(await valueOf(metrics.jobs, { job: 'slow', outcome: 'failed' })).toBe(1);
    expect(await valueOf(metrics.jobs, { job: 'slow', outcome: 'ok' })).toBe(calls - 1);
    expect(await observationsOf(metrics.jobSeconds, { job: 'slow' })).toBe(calls);
  });

  // node-cron's own noOverlap drops a tick while the previous one runs, so the test above passes with or without the
  // project's guard. runNow (start-up's first tick, chat commands) bypasses node-cron: these fail without the guard.
  it('GIVEN a run started by the schedule WHEN runNow is called meanwhile THEN no second run starts: it waits for the one in flight, counted as skipped', async () => {
    const metrics = scratchMetrics();
    let calls = 0;
    let running = 0;
    let maxRunning = 0;
    let release = (): void => undefined;
    const runner = startJobs(
      [
        {
          name: 'tick',
          cron: '* * * * * *',
          run: async () => {
            calls++;
            running++;
            maxRunning = Math.max(maxRunning, running);
            await new Promise<void>((r) => (release = r));
            running--;
          },
        },
      ],
      silentLogger(),
      metrics,
    );
    await vi.advanceTimersByTimeAsync(2_500); // the schedule has started a run, which is still going
    expect(calls).toBe(1);
    let manualDone = false;
    const manual = runner.runNow('tick').then(() => (manualDone = true));
    const again = runner.runNow('tick');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    expect(manualDone).toBe(false); // it waits for the run in flight rather than returning at once
    release();
    await Promise.all([manual, again]);
    expect(calls).toBe(1);
    expect(maxRunning).toBe(1);
    expect(await valueOf(metrics.jobs, { job: 'tick', outcome: 'skipped' })).toBe(2);
    expect(await valueOf(metrics.jobs, { job: 'tick', outcome: 'ok' })).toBe(1);
    await runner.stop();
  });

  it('GIVEN runNow twice at once THEN the job runs once; once it finished, runNow runs it again', async () => {
    const metrics = scratchMetrics();
    let calls = 0;
    let release = (): void => undefined;
    const runner = startJobs([{ name: 'digest', cron: '0 9 * * *', run: () => (calls++, new Promise<void>((r) => (release = r))) }], silentLogger(), metrics);
    const both = Promise.all([runner.runNow('digest'), runner.runNow('digest')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    release();
    await both;
    const third = runner.runNow('digest');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(2);
    release();
    await third;
    expect(await valueOf(metrics.jobs, { job: 'digest', outcome: 'skipped' })).toBe(1);
    await runner.stop();
  });

  it('GIVEN a digest at 09:00 Europe/Berlin THEN it runs at 08:00Z (winter time)', async () => {
    const seen: string[] = [];
    vi.setSystemTime(new Date('2026-11-23T07:59:50Z'));
    const runner = startJobs([{ name: 'digest', cron: '0 9 * * *', timezone: 'Europe/Berlin', run: (now) => Promise.resolve(seen.push(now.toISOString())) }], silentLogger(), scratchMetrics());
    await vi.advanceTimersByTimeAsync(20_000);
    await runner.stop();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.slice(0, 16)).toBe('2026-11-23T08:00');
  });

  it('GIVEN an invalid cron expression THEN start-up fails naming the job', () => {
    expect(() => startJobs([{ name: 'digest', cron: '61 * * *', run: () => Promise.resolve() }], silentLogger(), scratchMetrics())).toThrow(InvalidCronError);
  });
});
