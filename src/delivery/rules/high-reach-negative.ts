import { engagementOf } from '../../analysis/mention-ref.js';
import { fmt, live, makeAlert, rankMentions, type Rule } from './context.js';

/** Negative mention with engagement >= highReach.minEngagement. Critical at five times the threshold. */
export const highReachNegativeRule: Rule = (ctx) => {
  const min = ctx.options.highReach.minEngagement;
  const hits = live(ctx.recentMentions)
    .filter((m) => m.sentiment.label === 'negative' && engagementOf(m) >= min)
    .sort((a, b) => engagementOf(b) - engagementOf(a) || (a.key < b.key ? -1 : 1));
  const top = hits[0];
  if (!top) return null;
  const eng = engagementOf(top);
  return makeAlert(ctx, {
    id: `high-reach-negative:${ctx.brand.name}:${top.key}`,
    rule: 'high-reach-negative',
    severity: min > 0 && eng >= 5 * min ? 'critical' : 'warning',
    title: `High-reach negative mention of ${ctx.brand.name} (${fmt(eng)} engagement): ${top.title}`,
    explanation: {
      summary:
        `A negative mention of ${ctx.brand.name} on ${top.site ?? top.sourceId} reached ${Math.round(eng)} engagement (score + comments)` +
        (hits.length > 1 ? `; ${hits.length - 1} more above ${min}.` : '.'),
      why: `It fired because the mention is negative and its engagement reaches the threshold of ${min}.`,
      window: { start: top.publishedAt, end: ctx.now.toISOString() },
      observed: eng,
      threshold: min,
      details: { mentions: hits.length, confidence: Math.round(top.sentiment.confidence * 100) / 100, source: top.sourceId },
    },
    mentions: rankMentions(hits),
  });
};
