import type { APIEmbed } from 'discord.js';
import type { BrandForecast, ForecastRange } from '../../../analysis/forecast.js';
import { BRAND_COLOUR } from './colours.js';
import { fitEmbeds } from './fit.js';
import { discordTime, safeText } from './text.js';

const ROWS = 12;
const cell = (r: ForecastRange): string => `${Math.round(r.expected)} (${r.lower}–${r.upper})`;

/** One field per brand: at most 12 evenly spaced hours, expected mentions and negatives with their 80 % ranges. */
export function forecastEmbed(forecasts: readonly BrandForecast[], hours: number): APIEmbed {
  const step = Math.max(1, Math.ceil(hours / ROWS));
  const fields = forecasts.slice(0, 25).map((f) => {
    const rows = f.points.filter((_, i) => i % step === 0).map((p) => `${discordTime(p.start, 'f')} · ${cell(p.mentions)} mentions · ${cell(p.negative)} negative`);
    const total = f.points.reduce((s, p) => s + p.mentions.expected, 0);
    return { name: `${safeText(f.brand)} · about ${Math.round(total)} mentions in ${hours} h`, value: rows.join('\n') || 'no history yet' };
  });
  const [e] = fitEmbeds([
    {
      title: `Forecast · next ${hours} h`,
      description: fields.length === 0 ? 'No brands.' : `Expected per hour, with the range that holds 8 hours in 10 (every ${step === 1 ? 'hour' : `${step} h`} shown).`,
      color: BRAND_COLOUR,
      fields,
      footer: { text: 'Seasonal count model of each brand (docs/FORMULAS.md, Forecasts)' },
    },
  ]);
  return e!;
}
