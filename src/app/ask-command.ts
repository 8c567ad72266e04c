import { buildApp } from './build.js';
import type { Dirs } from './offline-commands.js';

const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
/** an expected failure: one line on stderr and exit code 2 */
const fail = (message: string): number => (process.stderr.write(`ask: ${message}\n`), 2);

/** `ask <question...> [--at ISO] [--json]`: the /ask answer on the command line. */
export async function runAsk(o: Dirs & { question: string; at?: string | undefined; json: boolean }): Promise<number> {
  const at = o.at === undefined ? new Date() : new Date(o.at);
  if (Number.isNaN(at.getTime())) return fail(`--at "${o.at}" is not a date and time (use ISO 8601, e.g. 2026-12-01T09:00:00Z)`);
  const app = await buildApp({ configDir: o.configDir, dataDir: o.dataDir, env: o.env, logger: o.logger, demo: false, sources: [] });
  try {
    const r = await app.api.ask(o.question, at);
    if (!r.ok) return fail(r.error.message);
    if (o.json) out(JSON.stringify(r.value));
    else out([...r.value.lines, '', `(Read as: ${r.value.readAs}.)`].join('\n'));
    return 0;
  } finally {
    await app.close();
  }
}
