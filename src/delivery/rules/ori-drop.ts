import { fmt, makeAlert, bucketStart, type Rule } from './context.js';
import { round } from './spike-rule.js';
import type { MentionRef } from '../../domain/types.js';

const HOUR_MS = 3_600_000;

/** ORI fell by at least oriDrop.points since now − windowHours. Critical at twice the points. */
export const oriDropRule: Rule = (ctx) => {
  const cur = ctx.ori?.current;
  const prev = ctx.ori?.previous;
  if (!cur || !prev) return null;
  const { points, windowHours } = ctx.options.oriDrop;
  const drop = prev.value - cur.value;
  if (drop < points) return null;
  const negativeFirst = (xs: MentionRef[]): MentionRef[] =>
    [...xs.filter((m) => m.sentiment === 'negative'), ...xs.filter((m) => m.sentiment !== 'negative')];
  return makeAlert(ctx, {
    id: `ori-drop:${ctx.brand.name}:${bucketStart(ctx.now, 60)}`,
    rule: 'ori-drop',
    severity: drop >= 2 * points ? 'critical' : 'warning',
    title: `Reputation index for ${ctx.brand.name} fell ${fmt(drop)} points in ${fmt(windowHours)} h (${fmt(prev.value)} → ${fmt(cur.value)})`,
    explanation: {
      summary:
        `ori-drop: the Online Reputation Index of ${ctx.brand.name} went from ${fmt(prev.value)} to ${fmt(cur.value)} ` +
        `over the last ${fmt(windowHours)} h, a drop of ${fmt(drop)} points (threshold ${points}).`,
      window: { start: new Date(ctx.now.getTime() - windowHours * HOUR_MS).toISOString(), end: ctx.now.toISOString() },
      observed: round(cur.value),
      baseline: round(prev.value),
      threshold: points,
      details: {
        drop: round(drop),
        sentimentBefore: round(prev.components.sentiment),
        sentimentNow: round(cur.components.sentiment),
        engagementBefore: round(prev.components.engagement),
        engagementNow: round(cur.components.engagement),
        volumeBefore: round(prev.components.volume),
        volumeNow: round(cur.components.volume),
      },
    },
    mentions: negativeFirst(cur.topContributors).slice(0, 5),
  });
};
