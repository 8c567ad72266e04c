import { judgeShift } from '../../analysis/sentiment-shift.js';
import { rarity } from '../plain-words.js';
import { bucketStart, makeAlert, rankMentions, type Rule } from './context.js';
import { round } from './spike-rule.js';

const pct = (x: number): string => `${Math.round(x * 100)} %`;

/**
 * The brand's negative share over the last day has risen well above its usual share: a slow drift that no hourly
 * spike shows. Critical when the share is up by three times minRise.
 */
export const sentimentShiftRule: Rule = (ctx) => {
  const o = ctx.options.sentimentShift;
  const v = judgeShift(ctx.rollups, ctx.now, ctx.models?.count.clustering ?? 1, o);
  if (!v.fired) return null;
  const rise = v.share - v.baseline;
  const hours = o.windowHours;
  const negative = (ctx.trendMentions ?? ctx.windowMentions).filter((m) => m.sentiment.label === 'negative');
  return makeAlert(ctx, {
    // one id per brand and window: a shift that lasts is the same alert until the window moves on
    id: `sentiment-shift:${ctx.brand.name}:${bucketStart(ctx.now, hours * 60)}`,
    rule: 'sentiment-shift',
    severity: rise >= 3 * o.minRise ? 'critical' : 'warning',
    title: `Sentiment of ${ctx.brand.name} turned negative: ${pct(v.share)} of mentions in ${hours} h (usually ${pct(v.baseline)})`,
    explanation: {
      summary:
        `${v.negative} of ${v.mentions} mentions in the last ${hours} hours were negative (${pct(v.share)}); ` +
        `usually ${pct(v.baseline)} (at most ${pct(Math.max(v.baseline, v.usualMax))} on a normal day).`,
      why:
        `It fired because the negative share reached ${pct(v.fireAt)}, its alert level, ${Math.round(rise * 100)} points above the ` +
        `previous ${v.baselineWindows} days: a normal day gets that share ${rarity(v.pValue, hours * 60)}.`,
      window: v.window,
      observed: v.negative,
      ...(ctx.timezone ? { zone: ctx.timezone } : {}),
      details: {
        share: round(v.share, 3),
        baselineShare: round(v.baseline, 3),
        fireAtShare: round(v.fireAt, 3),
        pValue: Number(v.pValue.toPrecision(3)),
        dailySwing: round(v.swing, 3),
        baselineDays: v.baselineWindows,
        baselineMentions: v.baselineMentions,
        windowMentions: v.mentions,
      },
    },
    mentions: rankMentions(negative),
  });
};
