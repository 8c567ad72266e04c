import type { AlertRule, Severity } from '../../domain/types.js';
import type { SpikeMetric, SpikeVerdict } from '../../analysis/spike-verdict.js';
import { plural, rarity, windowPhrase } from '../plain-words.js';
import { bucketStart, makeAlert, rankMentions, type Rule, type RuleContext } from './context.js';

export const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

/** "62 negative mentions in the last hour from 40 people; usually 4 (at most 9 on a normal day)." */
export function spikeSentence(v: SpikeVerdict, noun: string): string {
  const usual = Math.round(v.expected);
  return (
    `${plural(v.mentions, noun, `${noun}s`)} in ${windowPhrase(v.windowMinutes)} from ${plural(v.authors, 'person', 'people')}; ` +
    `usually ${usual} (at most ${Math.max(usual, v.usualMax)} on a normal day).`
  );
}

/** Shared body of negative-spike and volume-spike: both explain the same figures. */
export function spikeRule(rule: AlertRule, metric: SpikeMetric, noun: string, severityOf: (v: SpikeVerdict, ctx: RuleContext) => Severity): Rule {
  return (ctx) => {
    const v = ctx.spikes?.[metric];
    if (!v?.fired) return null;
    const start = Date.parse(v.window.start);
    const pool = ctx.windowMentions.filter((m) => Date.parse(m.publishedAt) >= start && (metric === 'count' || m.sentiment.label === 'negative'));
    const model = ctx.models?.[metric];
    return makeAlert(ctx, {
      // one id per brand, rule and window: the same burst judged twice in one window is the same alert
      id: `${rule}:${ctx.brand.name}:${bucketStart(ctx.now, ctx.options.spike.windowMinutes)}`,
      rule,
      severity: severityOf(v, ctx),
      title: `${noun[0]?.toUpperCase() ?? ''}${noun.slice(1)}s spike for ${ctx.brand.name}: ${v.mentions} in ${windowPhrase(v.windowMinutes).replace('the last ', '')} (usually ${Math.round(v.expected)})`,
      explanation: {
        summary: spikeSentence(v, noun),
        why:
          `It fired because ${v.observed}${v.observed < v.mentions ? ` (each person counted at most ${v.perAuthorCap} times)` : ''} reaches the alert level of ${v.fireAt} for this time of day: ` +
          `a normal ${windowPhrase(v.windowMinutes).replace('the last ', '')} gets that many ${rarity(v.pValue, v.windowMinutes)}.` +
          (model?.industry && model.industry >= 1.05 ? ` The other brands are ${model.industry.toFixed(1)} times as busy as usual too, so "usually" is raised by as much.` : ''),
        window: v.window,
        observed: v.observed,
        baseline: Math.round(v.expected),
        threshold: v.fireAt,
        ...(ctx.timezone ? { zone: ctx.timezone } : {}),
        details: {
          expected: round(v.expected),
          usualMax: v.usualMax,
          pValue: Number(v.pValue.toPrecision(3)),
          dispersion: round(1 / v.size, 3),
          authors: v.authors,
          historyMentions: Math.round(v.historyMentions),
          ...(model ? { level: round(model.level), rhythm: model.rhythm.source, ...(model.industry ? { industryFactor: round(model.industry) } : {}) } : {}),
          windowMinutes: v.windowMinutes,
        },
      },
      mentions: rankMentions(pool),
    });
  };
}
