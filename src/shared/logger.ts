import { createRequire } from 'node:module';
import { pino, type Logger } from 'pino';
import type prettyFactory from 'pino-pretty';

// pino-pretty is loaded only for a person at a terminal (a piped CLI run or the bot under a supervisor never needs it)
const loadPretty = (): typeof prettyFactory => createRequire(import.meta.url)('pino-pretty') as typeof prettyFactory;

export type { Logger };

/** Logs go to stderr (results of CLI commands own stdout). Secrets are redacted by key. */
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** `requested`, `format`: LOG_LEVEL and LOG_FORMAT, as the entry point read them. */
export function createLogger(requested: string | undefined, format: string | undefined): Logger {
  // an unknown level must not crash the bot before config validation can name it; config check reports it
  const level = requested && LEVELS.includes(requested) ? requested : 'info';
  const options = {
    level,
    redact: { paths: ['token', '*.token', 'secret', '*.secret', 'password', '*.password', 'authorization', '*.authorization'], censor: '[redacted]' },
    base: undefined,
  };
  // JSON lines for machines; readable lines for a person at a terminal (LOG_FORMAT=json|pretty overrides)
  const readable = format === 'pretty' || (format !== 'json' && process.stderr.isTTY === true);
  if (readable) return pino(options, loadPretty()({ destination: 2, sync: true, colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname', singleLine: true }));
  return pino(options, pino.destination({ fd: 2, sync: true }));
}

/** A logger that drops everything (tests, benches). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
