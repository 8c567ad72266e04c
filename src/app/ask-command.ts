import { impactLines, impactPeriod, IMPACT_NOTE } from '../delivery/impact-text.js';
import { buildApp } from './build.js';
import type { Dirs } from './offline-commands.js';

const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
/** an expected failure: one line on stderr and exit code 2 */
const fail = (message: string, cmd = 'ask'): number => (process.stderr.write(`${cmd}: ${message}\n`), 2);

/** `impact <event...> [--at ISO] [--json]`: before and after a configured event. */
export async function runImpact(o: Dirs & { event: string; at?: string | undefined; json: boolean }): Promise<number> {
  const at = o.at === undefined ? new Date() : new Date(o.at);
  if (Number.isNaN(at.getTime())) return fail(`--at "${o.at}" is not a date and time (use ISO 8601, e.g. 2026-12-01T09:00:00Z)`, 'impact');
  const app = await buildApp({ configDir: o.configDir, dataDir: o.dataDir, env: o.env, logger: o.logger, demo: false, sources: [] });
  try {
    const r = await app.api.impact(o.event, at);
    if (!r.ok) return fail(r.error.message, 'impact');
    if (o.json) out(JSON.stringify(r.value));
    else out([`Impact of "${r.value.event}" on ${r.value.brand}: ${impactPeriod(r.value, r.value.timezone)}`, ...impactLines(r.value).map((l) => `  ${l.name}: ${l.value}`), IMPACT_NOTE].join('\n'));
    return 0;
  } finally {
    await app.close();
  }
}

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
