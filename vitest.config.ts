import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: on a 2-core machine that is one file at a time. Many files
    // spend their time waiting on child processes, sockets and a Postgres cluster, so two workers keep both cores busy.
    maxWorkers: 2,
    // A worker keeps its module cache from one file to the next instead of re-importing the app (discord.js, zod
    // schemas, the offline model's code) for each of ~90 files: about half the suite's CPU time. The tests share no
    // global state (no vi.mock, no stubbed globals, no process.env writes; fake timers are restored in afterEach), so
    // running them in one module scope per worker changes no outcome.
    isolate: false,
    reporters: ['default'],
  },
});
