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
    reporters: ['default'],
  },
});
