import { isAbsolute, relative } from 'node:path';
import { ConfigError } from '../config/errors.js';
import { StoreCorruptError, StoreLockedError, StoreMigrationMissingError, StoreSchemaTooNewError } from '../store/lowdb/errors.js';
import { ModelFileNotFoundError, ModelFormatError } from '../classify/local/errors.js';
import { describeFailure } from '../shared/errors.js';
import { CommandInputError } from './input-errors.js';

// This module is loaded by cli.ts before every command: it imports error classes only (no store, no sources).

/** What a person reads when a command fails, and the exit code. */
export interface FailureReport {
  /** what went wrong and what to do, one line (a configuration error lists each bad key on a line of its own) */
  text: string;
  exitCode: number;
  /** false for a failure nobody expected: the stack is worth logging at debug level */
  expected: boolean;
}

/** Exit codes: 1 = a failure nobody expected; 2 = bad usage, input, configuration or data directory. */
export const EXIT_UNEXPECTED = 1;
export const EXIT_EXPECTED = 2;

/** `data/` for a directory under the working directory, the absolute path otherwise. */
export function shownDir(dir: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, dir);
  const shown = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? dir : rel;
  return shown.endsWith('/') ? shown : `${shown}/`;
}

/** The failure modes a person can fix, each said plainly; anything else is reported as unexpected, in one line too. */
export function reportFailure(e: unknown): FailureReport {
  const expected = (text: string): FailureReport => ({ text, exitCode: EXIT_EXPECTED, expected: true });
  if (e instanceof ConfigError) return expected(e.message);
  if (e instanceof CommandInputError) return expected(`${e.command}: ${e.message}`);
  if (e instanceof StoreLockedError) {
    const who = e.pid === process.pid ? 'this process' : `the bot (pid ${e.pid}${e.startedAt ? `, running since ${e.startedAt}` : ''})`;
    return expected(`${who} is using ${shownDir(e.dir)}; stop it or pass --data <another directory>`);
  }
  if (e instanceof StoreSchemaTooNewError) return expected(`the data directory was written by a newer version of the bot (store schema ${e.found}, this one reads up to ${e.supported}): upgrade the bot or pass --data <another directory>`);
  if (e instanceof StoreMigrationMissingError || e instanceof StoreCorruptError) return expected(`${e.message}; restore the data directory from a backup or pass --data <another directory>`);
  if (e instanceof ModelFileNotFoundError || e instanceof ModelFormatError) return expected(`${e.message}; restore models/ from the repository or retrain it (npm run train:sentiment)`);
  return { text: `error: ${describeFailure(e)} (LOG_LEVEL=debug shows the stack)`, exitCode: EXIT_UNEXPECTED, expected: false };
}
