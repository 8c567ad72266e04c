#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { join, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { createLogger, type Logger } from './shared/logger.js';
import { EXIT_EXPECTED, reportFailure } from './app/cli-errors.js';

// Each command imports what it needs when it runs: `classify` does not load the store, the sources or discord.js.
const commands = (): Promise<typeof import('./app/commands.js')> => import('./app/commands.js');
const offline = (): Promise<typeof import('./app/offline-commands.js')> => import('./app/offline-commands.js');

/** Logs go to stderr; results of commands go to stdout. A usage error is one line and a pointer to --help, exit 2. */
const program = new Command()
  .name('brand-bot')
  .description('Brand listening and reputation bot')
  .option('--config <dir>', 'configuration directory', 'config')
  .option('--data <dir>', 'data directory', 'data')
  .showHelpAfterError('(add --help for usage)')
  .exitOverride();

/** A whole number >= 1, or a clear usage error (0 or text used to loop forever or do nothing). */
function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

/** The directories, and the environment: the entry point is the one place that reads process.env (after .env). */
function dirs(): { configDir: string; dataDir: string; env: Record<string, string | undefined> } {
  const o = program.opts<{ config: string; data: string }>();
  return { configDir: resolve(o.config), dataDir: resolve(o.data), env: process.env };
}

let logger: Logger = createLogger(process.env.LOG_LEVEL, process.env.LOG_FORMAT);
// .env (beside the config directory) counts for everything, logging included; real environment variables win
program.hook('preAction', () => {
  loadDotenv({ path: join(dirs().configDir, '..', '.env'), quiet: true });
  logger = createLogger(process.env.LOG_LEVEL, process.env.LOG_FORMAT);
});

/**
 * The one place a command's failure is reported: what went wrong in one line (a configuration error: one line per bad
 * key) and an exit code, never a stack trace; the stack is logged at LOG_LEVEL=debug.
 */
async function guard(fn: () => Promise<number | void>): Promise<void> {
  try {
    const code = await fn();
    process.exitCode = typeof code === 'number' ? code : 0;
  } catch (e) {
    const r = reportFailure(e);
    process.stderr.write(`${r.text}\n`);
    logger.debug({ err: e }, r.expected ? 'Command failed (expected)' : 'Command failed');
    process.exitCode = r.exitCode;
  }
}

program.command('start').description('run the bot (long-running)').action(() => guard(async () => (await commands()).runStart({ ...dirs(), logger })));
program
  .command('once')
  .description('run one polling cycle (poll, store, alert, deliver), then exit; prints what it did')
  .option('--json', 'print the summary as one JSON object (chat messages of the console go to stderr)')
  .action((o: { json?: boolean }) => guard(async () => (await commands()).runOnce({ ...dirs(), logger, json: !!o.json })));
program
  .command('replay <file>')
  .description('ingest historical items (feed XML or JSONL with timestamps) on event time and print the alerts they would raise')
  .option('--step <minutes>', 'simulated cycle length in minutes', positiveInt, 15)
  .option('--json', 'print alerts as JSON lines')
  .action((file: string, o: { step: number; json?: boolean }) =>
    // in memory unless --data names a store to fill: a dry run must not need (or lock) the bot's data/
    guard(async () => (await import('./app/replay.js')).runReplay({ ...dirs(), logger, file: resolve(file), stepMinutes: o.step, json: !!o.json, inMemory: program.getOptionValueSource('data') !== 'cli' })),
  );
program
  .command('classify')
  .description('classify text from stdin (JSONL with a "text" field, or one text per line) to JSONL on stdout')
  .option('--batch <n>', 'batch size', positiveInt, 256)
  .action((o: { batch: number }) => guard(async () => (await import('./app/classify-command.js')).runClassify({ configDir: dirs().configDir, env: process.env, logger, batchSize: o.batch })));
program
  .command('digest [brand]')
  .description("print a digest now (all brands, or one): today so far, or a past local day with --date")
  .option('--date <YYYY-MM-DD>', 'a past day in settings.timezone (default: today so far)')
  .option('--json', 'print one JSON document (the brand\'s digest, or an array of every brand\'s)')
  .action((brand: string | undefined, o: { json?: boolean; date?: string }) => guard(async () => (await commands()).runDigest({ ...dirs(), logger, brand, json: !!o.json, date: o.date })));
program
  .command('forecast [brand]')
  .description('hourly mentions and negative mentions ahead, with 80 % prediction intervals, from the stored history')
  .option('--hours <n>', 'hours ahead (1–168)', positiveInt, 24)
  .option('--at <time>', 'forecast as of this past moment (ISO 8601), on the data stored up to it')
  .option('--json', 'print JSON')
  .action((brand: string | undefined, o: { hours: number; at?: string; json?: boolean }) =>
    guard(async () => (await import('./app/forecast-command.js')).runForecast({ ...dirs(), logger, brand, hours: o.hours, at: o.at, json: !!o.json })),
  );
program
  .command('ask <question...>')
  .description('a question in plain words ("why did Nimbus drop yesterday?"), answered from the store with figures and quoted mentions')
  .option('--at <time>', 'answer as of this moment (ISO 8601)')
  .option('--json', 'print JSON')
  .action((words: string[], o: { at?: string; json?: boolean }) =>
    guard(async () => (await import('./app/ask-command.js')).runAsk({ ...dirs(), logger, question: words.join(' '), at: o.at, json: !!o.json })),
  );
program
  .command('impact <event...>')
  .description('before and after a configured event (brands.yaml `events:`): volume, net sentiment, share of voice with 90 % intervals, and the index')
  .option('--at <time>', 'measure as of this moment (ISO 8601)')
  .option('--json', 'print JSON')
  .action((words: string[], o: { at?: string; json?: boolean }) =>
    guard(async () => (await import('./app/ask-command.js')).runImpact({ ...dirs(), logger, event: words.join(' '), at: o.at, json: !!o.json })),
  );
const config = program.command('config').description('configuration');
config.command('check').description('validate config files and environment without starting').action(() => guard(async () => (await commands()).runConfigCheck({ ...dirs(), logger })));
program
  .command('migrate')
  .description('apply missing store migrations (Postgres: src/store/postgres/migrations/*.sql; they also run at start), then exit')
  .action(() => guard(async () => (await commands()).runMigrate({ ...dirs(), logger })));
const feedback = program.command('feedback').description('human corrections of sentiment');
feedback
  .command('import <file>')
  .description('import corrections: JSONL {mentionKey?, text, label} -> stored as feedback')
  .action((file: string) => guard(async () => (await offline()).runFeedbackImport({ ...dirs(), logger, file: resolve(file) })));

feedback
  .command('export')
  .description('print stored corrections as JSONL {text, label} (input for npm run train:sentiment -- --with-feedback)')
  .action(() => guard(async () => (await offline()).runFeedbackExport({ ...dirs(), logger })));

program
  .command('forget')
  .description('right to erasure: delete every stored mention of an author (matched through the keyed pseudonym); logs the time and count, never the name')
  .requiredOption('--author <handle or profile URL>', 'e.g. @name, u/name, https://www.reddit.com/user/name')
  .action((o: { author: string }) => guard(async () => (await offline()).runForget({ ...dirs(), logger, author: o.author })));

try {
  await program.parseAsync(process.argv);
} catch (e) {
  // commander has already printed the usage error (or the help, or the version, which exit 0)
  if (!(e instanceof CommanderError)) throw e;
  process.exitCode = e.exitCode === 0 ? 0 : EXIT_EXPECTED;
}
