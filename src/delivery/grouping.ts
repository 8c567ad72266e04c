import type { Alert, AlertRule, MentionRef } from '../domain/types.js';
import { SEVERITY_RANK, maxSeverity } from './options.js';

/** Rules about one negative situation; two or more firing together for a brand become one alert. */
export const NEGATIVE_FAMILY: readonly AlertRule[] = ['negative-spike', 'crisis-keyword', 'high-reach-negative', 'ori-drop', 'sentiment-shift'];
/** Joins a negative group only when a negative rule fired (a volume spike alone is just buzz). */
const FOLLOWERS: readonly AlertRule[] = ['volume-spike'];
const PRIORITY: readonly AlertRule[] = ['negative-spike', 'crisis-keyword', 'ori-drop', 'sentiment-shift', 'high-reach-negative', 'volume-spike'];

export interface GroupResult {
  alerts: Alert[];
  /** merged alert id -> rules folded into it (its own rule first) */
  members: Map<string, AlertRule[]>;
}

function mergeMentions(lists: MentionRef[][]): MentionRef[] {
  const seen = new Set<string>();
  const all = lists.flat().filter((m) => (seen.has(m.key) ? false : (seen.add(m.key), true)));
  const rank = { negative: 0, neutral: 1, positive: 2 } as const;
  return all.sort((a, b) => rank[a.sentiment] - rank[b.sentiment] || b.engagement - a.engagement).slice(0, 5);
}

/**
 * Merges related alerts of one brand: the most severe (then highest-priority) alert keeps its id, rule and
 * title; the others' summaries are appended to its summary and their figures copied into details prefixed
 * with their rule name. Unrelated alerts (trending topics) pass through unchanged.
 */
export function groupAlerts(alerts: readonly Alert[]): GroupResult {
  const members = new Map<string, AlertRule[]>();
  const related = alerts.filter((a) => NEGATIVE_FAMILY.includes(a.rule) || FOLLOWERS.includes(a.rule));
  const negatives = related.filter((a) => NEGATIVE_FAMILY.includes(a.rule));
  if (negatives.length === 0 || related.length < 2) {
    for (const a of alerts) members.set(a.id, [a.rule]);
    return { alerts: [...alerts], members };
  }
  const sorted = [...related].sort(
    (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || PRIORITY.indexOf(a.rule) - PRIORITY.indexOf(b.rule),
  );
  const primary = sorted[0]!;
  const others = sorted.slice(1);
  const details = { ...primary.explanation.details };
  for (const o of others) {
    for (const [k, v] of Object.entries(o.explanation.details)) details[`${o.rule}.${k}`] = v;
    if (o.explanation.observed !== undefined) details[`${o.rule}.observed`] = o.explanation.observed;
  }
  details.related = others.map((o) => o.rule).join(', ');
  const merged: Alert = {
    ...primary,
    severity: others.reduce((s, o) => maxSeverity(s, o.severity), primary.severity),
    title: `${primary.title} (+ ${others.map((o) => o.rule).join(', ')})`,
    explanation: {
      ...primary.explanation,
      summary: [primary.explanation.summary, ...others.map((o) => `Also ${o.explanation.summary}`)].join(' '),
      details,
    },
    mentions: mergeMentions([primary.mentions, ...others.map((o) => o.mentions)]),
  };
  members.set(merged.id, [primary.rule, ...others.map((o) => o.rule)]);
  const rest = alerts.filter((a) => !related.includes(a));
  for (const a of rest) members.set(a.id, [a.rule]);
  return { alerts: [merged, ...rest], members };
}
