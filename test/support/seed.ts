/**
 * Seeds for randomised tests: a test that draws random numbers takes them from `seeded()`, which prints the seed it
 * uses (and again if the test fails), so a failing run can be replayed with `SEED=<n> npx vitest run <file>`.
 */
import { onTestFailed } from 'vitest';
import { mulberry32 } from '../../src/shared/prng.js';

export interface Seeded {
  seed: number;
  /** uniform in [0, 1), from the seed */
  random: () => number;
}

/** `SEED` from the environment if set, else a fresh seed; logged, and repeated when the current test fails. */
export function seeded(label: string): Seeded {
  const fromEnv = process.env.SEED;
  const seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) >>> 0 : Math.floor(Math.random() * 2 ** 32);
  const line = `${label}: seed ${seed} (replay with SEED=${seed})`;
  console.log(line);
  onTestFailed(() => console.error(`FAILED with ${line}`));
  return { seed, random: mulberry32(seed) };
}
