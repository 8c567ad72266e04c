import { fmt, makeAlert, bucketStart, type Rule } from './context.js';
import { round } from './spike-rule.js';
import type { MentionRef } from '../../domain/types.js';

const HOUR_MS = 3_600_000;

/** ORI fell by at least oriDrop.points since now − windowHours. Critical at twice the points. */
export const oriDropRule: Rule = (ctx) => {
  const cur = ctx.ori?.current;
  const prev = ctx.ori?.previous;
  if (!cur || !prev) return null;
  const { points, windowHours, minMentions } = ctx.options.oriDrop;
  // the score a window ago must itself rest on a window of history: in its first days the index is still settling
  const first = ctx.historyStart ?? ctx.rollups[0]?.hour;
  if (!first || ctx.now.getTime() - Date.parse(first) < 2 * windowHours * HOUR_MS) return null;
  const drop = prev.value - cur.value;
  if (drop < points) return null;
  // a handful of mentions moves the index a lot: both scores must rest on enough (recency-weighted) mentions
  if (cur.effective.total < minMentions || prev.effective.total < minMentions) return null;
  const negativeFirst = (xs: MentionRef[]): MentionRef[] =>
    [...xs.filter((m) => m.sentiment === 'negative'), ...xs.filter((m) => m.sentiment !== 'negative')];
  return makeAlert(ctx, {
    id: `ori-drop:${ctx.brand.name}:${bucketStart(ctx.now, 60)}`,
    rule: 'ori-drop',
    severity: drop >= 2 * points ? 'critical' : 'warning',
    title: `Reputation index for ${ctx.brand.name} fell ${fmt(drop)} points in ${fmt(windowHours)} h (${fmt(prev.value)} → ${fmt(cur.value)})`,
    explanation: {
      summary:
        `The reputation index of ${ctx.brand.name} went from ${prev.value.toFixed(0)} to ${cur.value.toFixed(0)} ` +
        `in ${fmt(windowHours)} h, a drop of ${drop.toFixed(0)} points.`,
      why: `It fired because the index fell by at least ${points} points, with both scores resting on at least ${minMentions} recent mentions.`,
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
        effectiveMentionsBefore: round(prev.effective.total, 1),
        effectiveMentionsNow: round(cur.effective.total, 1),
      },
    },
    mentions: negativeFirst(cur.topContributors).slice(0, 5),
  });
};
