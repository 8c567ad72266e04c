import type { AlertRule, Severity } from '../../domain/types.js';
import { detectSpike, type SpikeMetric, type SpikeResult } from '../../analysis/spikes.js';
import { bucketStart, fmt, live, makeAlert, rankMentions, type Rule, type RuleContext } from './context.js';

/** Shared body of negative-spike and volume-spike: both explain the same figures. */
export function spikeRule(rule: AlertRule, metric: SpikeMetric, noun: string, severityOf: (r: SpikeResult, ctx: RuleContext) => Severity): Rule {
  return (ctx) => {
    const o = ctx.options.spike;
    const r = detectSpike({
      rollups: ctx.rollups,
      now: ctx.now,
      metric,
      options: o,
      ...(ctx.historyStart ? { historyStart: ctx.historyStart } : {}),
      ...(ctx.timezone ? { timeZone: ctx.timezone } : {}),
    });
    if (!r.fired) return null;
    const pool = live(ctx.recentMentions).filter((m) => metric === 'count' || m.sentiment.label === 'negative');
    const summary =
      `${rule}: ${fmt(r.observed)} ${noun} for ${ctx.brand.name} in the last ${o.windowMinutes} min ` +
      `vs ${fmt(r.expected)} expected at this hour${ctx.timezone ? ` (${ctx.timezone} time)` : ''} (${r.daysOfHistory} days of history, ${r.method}); ` +
      `z = ${fmt(r.z)} (threshold ${o.zThreshold}), ${fmt(r.ratio)}× (threshold ${o.ratioThreshold}×), min count ${o.minCount}.`;
    return makeAlert(ctx, {
      id: `${rule}:${ctx.brand.name}:${bucketStart(ctx.now, o.windowMinutes)}`,
      rule,
      severity: severityOf(r, ctx),
      title: `${noun[0]?.toUpperCase() ?? ''}${noun.slice(1)} spike for ${ctx.brand.name}: ${fmt(r.observed)} in ${o.windowMinutes} min (usually ${fmt(r.expected)})`,
      explanation: {
        summary,
        window: r.window,
        observed: r.observed,
        baseline: r.expected,
        threshold: o.zThreshold,
        details: {
          z: round(r.z),
          ratio: round(r.ratio),
          std: round(r.std),
          sigma: round(r.sigma),
          minCount: o.minCount,
          ratioThreshold: o.ratioThreshold,
          daysOfHistory: r.daysOfHistory,
          weekdaySamples: r.weekdaySamples,
          method: r.method,
        },
      },
      mentions: rankMentions(pool),
    });
  };
}

export const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;
