import type { Mention } from '../../domain/types.js';
import { forecastSpike, type SpikeForecast } from '../../analysis/spike-forecast.js';
import type { SpikeMetric } from '../../analysis/spike-verdict.js';
import { duration, localTime, rarity } from '../plain-words.js';
import { bucketStart, makeAlert, rankMentions, type Rule, type RuleContext } from './context.js';
import { round } from './spike-rule.js';

const NOUN: Record<SpikeMetric, string> = { negative: 'negative mention', count: 'mention' };

function forecastFor(ctx: RuleContext, metric: SpikeMetric): { f: SpikeForecast; pool: Mention[] } | undefined {
  const fo = ctx.options.forecast;
  const model = ctx.models?.[metric];
  if (!fo?.enabled || !model) return undefined;
  // a spike already firing is the spike rule's
  if (ctx.spikes?.[metric].fired) return undefined;
  const s = ctx.options.spike;
  const pool = ctx.windowMentions.filter((m) => metric === 'count' || m.sentiment.label === 'negative');
  const f = forecastSpike(
    model,
    pool.map((m) => ({ t: Date.parse(m.publishedAt), who: m.author ?? m.key })),
    ctx.now.getTime(),
    {
      windowMinutes: s.windowMinutes,
      horizonMinutes: fo.horizonMinutes,
      risingPValue: fo.risingPValue,
      minGrowth: fo.minGrowth,
      maxPerAuthor: Math.max(1, Math.ceil(s.maxPerAuthor / 2)),
      // the level the spike rule fires at for its configured window (its p-value is shared by three windows)
      judge: { minCount: s.minCount, pValue: s.pValue / 3, minRatio: s.ratioThreshold, minHistoryMentions: s.minHistoryMentions },
    },
  );
  return f.predicted ? { f, pool } : undefined;
}

/**
 * A forecast, not a spike: the brand's negative mentions (or all of them) are already unusual and rising, and if the
 * rise goes on the upper 80 % path reaches the spike alert level within `alerts.forecast.horizonMinutes`. Off unless
 * `alerts.forecast.enabled`. One per brand and metric per `cooldownHours`, never while an incident is open (evaluate.ts).
 */
export const spikeForecastRule: Rule = (ctx) => {
  for (const metric of ['negative', 'count'] as const) {
    const hit = forecastFor(ctx, metric);
    if (!hit) continue;
    const { f } = hit;
    const noun = NOUN[metric];
    const half = ctx.options.spike.windowMinutes / 2;
    const zone = ctx.timezone;
    const usual = Math.round(f.slices.reduce((a, x) => a + x.expected, 0) / f.slices.length);
    const startOfRise = Date.parse(f.slices[0]!.start);
    const at = f.at ?? ctx.now.toISOString();
    return makeAlert(ctx, {
      id: `spike-forecast:${ctx.brand.name}:${metric}:${bucketStart(ctx.now, half)}`,
      rule: 'spike-forecast',
      severity: 'info',
      title: `Forecast: ${noun}s of ${ctx.brand.name} may spike within ${duration(f.minutesAhead! * 60_000)}`,
      explanation: {
        summary:
          `${noun[0]!.toUpperCase()}${noun.slice(1)}s are rising: ${f.slices.map((x) => x.observed).join(', ')} in the last three ${half}-minute spans (usually about ${usual} each). ` +
          `If the rise goes on, the ${ctx.options.spike.windowMinutes} minutes to ${localTime(at, zone, ctx.now.toISOString())} may bring up to ${f.upper} (upper 80 % bound, about ${f.expected} expected), at or above the spike alert level of ${f.fireAt}.`,
        why:
          `This is a forecast, not a spike. It fired because the count of the last ${ctx.options.spike.windowMinutes} minutes already happens ${rarity(f.pValue, ctx.options.spike.windowMinutes)} ` +
          `and grows ${f.growth.toFixed(1)} times per ${half} minutes; the spike alert itself fires only if the count reaches ${f.fireAt}.`,
        window: { start: new Date(startOfRise).toISOString(), end: ctx.now.toISOString() },
        observed: f.slices[1]!.observed + f.slices[2]!.observed,
        baseline: Math.round(f.slices[1]!.expected + f.slices[2]!.expected),
        threshold: f.fireAt!,
        ...(zone ? { zone } : {}),
        details: { metric, forecastAt: at, minutesAhead: f.minutesAhead!, upper: f.upper!, expectedOnPath: f.expected!, growthPerHalfWindow: round(f.growth), pValue: Number(f.pValue.toPrecision(3)), slices: f.slices.map((x) => `${x.observed}/${round(x.expected, 1)}`).join(' ') },
      },
      mentions: rankMentions(hit.pool.filter((m) => Date.parse(m.publishedAt) >= startOfRise)),
    });
  }
  return null;
};
