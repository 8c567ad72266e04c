import { pino, type Logger } from 'pino';

export type { Logger };

/** Logs go to stderr (results of CLI commands own stdout). Secrets are redacted by key. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      level,
      redact: { paths: ['token', '*.token', 'secret', '*.secret', 'password', '*.password', 'authorization', '*.authorization'], censor: '[redacted]' },
      base: undefined,
    },
    pino.destination({ fd: 2, sync: true }),
  );
}

/** A logger that drops everything (tests, benches). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
