import { DateTime } from 'luxon';
import type { BrandForecast } from '../analysis/forecast.js';
import { buildApp } from './build.js';
import type { Dirs } from './offline-commands.js';

const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
/** an expected failure: one line on stderr and exit code 2 */
const fail = (message: string): number => (process.stderr.write(`forecast: ${message}\n`), 2);

/** A table a person reads: one line per hour in the team's zone, expected count and the 80 % range. */
export function renderForecastText(f: BrandForecast, zone: string): string {
  const lines = [`Forecast for ${f.brand} (as of ${DateTime.fromISO(f.generatedAt, { zone }).toFormat('ccc d LLL HH:mm')}, ${zone}; 80 % ranges)`];
  lines.push('  hour              mentions        negative');
  for (const p of f.points) {
    const h = DateTime.fromISO(p.start, { zone }).toFormat('ccc d LLL HH:mm');
    const cell = (r: BrandForecast['points'][number]['mentions']): string => `${Math.round(r.expected)} (${r.lower}–${r.upper})`.padEnd(16);
    lines.push(`  ${h.padEnd(18)}${cell(p.mentions)}${cell(p.negative)}`);
  }
  return lines.join('\n');
}

/** `forecast [brand] [--hours N] [--at ISO] [--json]`: hourly forecasts with 80 % intervals from the stored history. */
export async function runForecast(o: Dirs & { brand?: string | undefined; hours: number; at?: string | undefined; json: boolean }): Promise<number> {
  const at = o.at === undefined ? new Date() : new Date(o.at);
  if (Number.isNaN(at.getTime())) return fail(`--at "${o.at}" is not a date and time (use ISO 8601, e.g. 2026-12-01T09:00:00Z)`);
  const app = await buildApp({ configDir: o.configDir, dataDir: o.dataDir, env: o.env, logger: o.logger, demo: false, sources: [] });
  try {
    const r = await app.api.forecast(o.brand, at, o.hours);
    if (!r.ok) return fail(r.error.message);
    if (o.json) out(JSON.stringify(r.value));
    else for (const f of r.value) out(renderForecastText(f, app.config.settings.timezone));
    return 0;
  } finally {
    await app.close();
  }
}
