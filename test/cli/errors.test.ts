import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempBot } from '../support/temp-config.js';
import { reportFailure, shownDir } from '../../src/app/cli-errors.js';
import { linesOf, runCli, type CliRun } from './run-cli.js';

/** An expected failure: at most 3 lines on stderr, no stack frame, a non-zero exit. */
function expectOneLineFailure(r: CliRun, message: RegExp): void {
  expect(r.code, r.err).toBe(2);
  const lines = linesOf(r.err);
  expect(lines.length, r.err).toBeLessThanOrEqual(3);
  expect(r.err).not.toMatch(/^\s+at /m);
  expect(r.err).not.toMatch(/\\n\s+at /); // not even inside a JSON log line
  expect(r.err).not.toMatch(/FATAL|Command failed/);
  expect(lines.some((l) => message.test(l)), r.err).toBe(true);
}

describe.concurrent('CLI: expected failures are one line and an exit code', () => {
  const bot = tempBot({ brands: [{ name: 'Nimbus' }] });
  afterAll(() => rmSync(bot.root, { recursive: true, force: true }));
  // a data directory held by a live process (this test runner stands in for the running bot)
  const locked = join(bot.root, 'locked');
  mkdirSync(locked);
  writeFileSync(join(locked, 'LOCK'), JSON.stringify({ pid: process.pid, startedAt: '2026-12-03T08:00:00.000Z', host: 'test' }));

  it('GIVEN another bot process holds the data directory THEN once says which pid and what to do, exit 2', async () => {
    const r = await runCli(['--config', bot.configDir, '--data', locked, 'once']);
    expectOneLineFailure(r, new RegExp(`^the bot \\(pid ${process.pid}, running since 2026-12-03T08:00:00.000Z\\) is using ${locked}/; stop it or pass --data <another directory>$`));
  });

  it('GIVEN the data directory is data/ under the working directory THEN it is named data/', async () => {
    const cwd = join(bot.root, 'work');
    mkdirSync(join(cwd, 'data'), { recursive: true });
    writeFileSync(join(cwd, 'data', 'LOCK'), JSON.stringify({ pid: process.pid, startedAt: '2026-12-03T08:00:00.000Z', host: 'test' }));
    const r = await runCli(['--config', bot.configDir, 'digest'], {}, cwd);
    expectOneLineFailure(r, /is using data\/; stop it or pass --data/);
  });

  it('GIVEN LOG_LEVEL=debug THEN the same failure also logs its stack', async () => {
    const r = await runCli(['--config', bot.configDir, '--data', locked, 'once'], { LOG_LEVEL: 'debug' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is using .*; stop it or pass --data/);
    expect(r.err).toMatch(/StoreLockedError.*\\n\s+at acquireDirLock/);
  });

  it('GIVEN a replay file that does not exist THEN one line names it, exit 2', async () => {
    const r = await runCli(['--config', bot.configDir, 'replay', join(bot.root, 'missing.jsonl')]);
    expectOneLineFailure(r, /^replay: cannot read .*missing\.jsonl: no such file$/);
  });

  it('GIVEN a feedback file that does not exist THEN one line names it, exit 2', async () => {
    const r = await runCli(['--config', bot.configDir, '--data', bot.dataDir, 'feedback', 'import', join(bot.root, 'nope.jsonl')]);
    expectOneLineFailure(r, /^feedback import: cannot read .*nope\.jsonl: no such file$/);
  });

  it('GIVEN a bad option value THEN commander says which, points to --help, no usage dump, exit 2', async () => {
    const r = await runCli(['--config', bot.configDir, 'replay', 'x.jsonl', '--step', '0']);
    expectOneLineFailure(r, /^error: option '--step <minutes>' argument '0' is invalid/);
    expect(r.err).not.toMatch(/Usage:/);
    expect(r.err).toMatch(/--help/);
  });

  it('GIVEN an unknown command or option THEN one line says so, exit 2', async () => {
    expectOneLineFailure(await runCli(['frobnicate']), /^error: unknown command 'frobnicate'/);
    expectOneLineFailure(await runCli(['once', '--fast']), /^error: unknown option '--fast'/);
  });

  it('GIVEN --help THEN the usage is printed and the exit is 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: brand-bot/);
  });
});

describe('reportFailure', () => {
  it('GIVEN an error nobody expected THEN one line without its stack, exit 1, marked for the debug log', () => {
    const r = reportFailure(new TypeError("Cannot read properties of undefined (reading 'rel')"));
    expect(r).toEqual({ text: 'error: internal error on unexpected data (details in the log) (LOG_LEVEL=debug shows the stack)', exitCode: 1, expected: false });
    const plain = reportFailure(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    expect(plain.text).toBe('error: Error: connect ECONNREFUSED 127.0.0.1:5432 (LOG_LEVEL=debug shows the stack)');
    expect(plain.text).not.toMatch(/\n/);
  });

  it('GIVEN a directory inside, equal to or outside the working directory THEN it is shown relative, as ./ or absolute', () => {
    expect(shownDir('/srv/bot/data', '/srv/bot')).toBe('data/');
    expect(shownDir('/srv/bot', '/srv/bot')).toBe('./');
    expect(shownDir('/var/lib/bot', '/srv/bot')).toBe('/var/lib/bot/');
  });
});
