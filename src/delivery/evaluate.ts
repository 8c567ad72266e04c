import type { Alert, AlertRule } from '../domain/types.js';
import { trendingTerms } from '../analysis/trends.js';
import type { AlertState } from './state.js';
import type { Rule, RuleContext } from './rules/context.js';
import { negativeSpikeRule } from './rules/negative-spike.js';
import { volumeSpikeRule } from './rules/volume-spike.js';
import { oriDropRule } from './rules/ori-drop.js';
import { highReachNegativeRule } from './rules/high-reach-negative.js';
import { crisisKeywordRule } from './rules/crisis-keyword.js';
import { TREND_WINDOW_HOURS, trendingTopicRule } from './rules/trending-topic.js';
import { cooldownVerdict, hold, isMuted, pruneState, releaseHeld, shouldHold, startCooldown } from './policy.js';
import { groupAlerts } from './grouping.js';

/** Every rule, in evaluation order. */
export const RULES: Readonly<Record<AlertRule, Rule>> = {
  'negative-spike': negativeSpikeRule,
  'volume-spike': volumeSpikeRule,
  'ori-drop': oriDropRule,
  'high-reach-negative': highReachNegativeRule,
  'crisis-keyword': crisisKeywordRule,
  'trending-topic': trendingTopicRule,
};

/** What one evaluation of one brand reads: the rules' context (less what it computes) and the alert state. */
export type EvaluateInput = Omit<RuleContext, 'trending'> & { state: AlertState };

export type DecisionOutcome = 'sent' | 'held' | 'released' | 'muted' | 'cooldown' | 'merged';
export interface Decision {
  alertId: string;
  rule: AlertRule;
  outcome: DecisionOutcome;
}

export interface EvaluateResult {
  /** to deliver now: alerts released from quiet hours first, then new ones */
  alerts: Alert[];
  /** the complete new state to persist (same transaction as the outbox entries) */
  stateUpdates: AlertState;
  /** terms trending now: pass back as previousTrending next time */
  trending: string[];
  /** what happened to each candidate (for logs and /status) */
  decisions: Decision[];
}

/** Runs every rule for one brand and applies mutes, cooldowns, grouping and quiet hours. Pure. */
export function evaluateAlerts(input: EvaluateInput): EvaluateResult {
  const { now, options } = input;
  const brand = input.brand.name;
  const state = pruneState(input.state, now);
  const decisions: Decision[] = [];
  const released = releaseHeld(state, brand, now, options.quietHours);
  for (const a of released) decisions.push({ alertId: a.id, rule: a.rule, outcome: 'released' });

  const trending = trendingTerms({
    rollups: input.rollups,
    now,
    windowHours: TREND_WINDOW_HOURS,
    baselineHours: Math.max(1, options.spike.baselineDays * 24 - TREND_WINDOW_HOURS),
    options: options.trending,
  });
  const { state: _state, ...fromInput } = input;
  const ctx: RuleContext = { ...fromInput, trending };

  const passing: Alert[] = [];
  for (const rule of Object.values(RULES)) {
    const a = rule(ctx);
    if (!a) continue;
    const verdict = cooldownVerdict(state, brand, a.rule, a.severity, now);
    if (isMuted(state, brand, a.rule, now)) decisions.push({ alertId: a.id, rule: a.rule, outcome: 'muted' });
    else if (verdict === 'cooling') decisions.push({ alertId: a.id, rule: a.rule, outcome: 'cooldown' });
    // an escalation is a new message: its own (still deterministic) id, or the outbox would drop it as a repeat
    else passing.push(verdict === 'escalated' ? { ...a, id: `${a.id}:${a.severity}`, title: `Escalated to ${a.severity}: ${a.title}` } : a);
  }

  const severityOf = new Map(passing.map((a) => [a.rule, a.severity]));
  const grouped = groupAlerts(passing);
  const sent: Alert[] = [];
  for (const a of grouped.alerts) {
    const rules = grouped.members.get(a.id) ?? [a.rule];
    for (const r of rules) startCooldown(state, brand, r, severityOf.get(r) ?? a.severity, a.id, now, options.cooldownMinutes);
    for (const r of rules.slice(1)) decisions.push({ alertId: a.id, rule: r, outcome: 'merged' });
    if (shouldHold(a, now, options.quietHours)) {
      hold(state, [a]);
      decisions.push({ alertId: a.id, rule: a.rule, outcome: 'held' });
    } else {
      sent.push(a);
      decisions.push({ alertId: a.id, rule: a.rule, outcome: 'sent' });
    }
  }
  return { alerts: [...released, ...sent], stateUpdates: state, trending: trending.map((t) => t.term), decisions };
}
