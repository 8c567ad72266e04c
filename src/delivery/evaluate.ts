import { DateTime } from 'luxon';
import type { Alert, AlertRule } from '../domain/types.js';
import { judgeSpike, type CountedMention } from '../analysis/spike-verdict.js';
import type { AlertState, IncidentRecord } from './state.js';
import type { Rule, RuleContext } from './rules/context.js';
import { negativeSpikeRule } from './rules/negative-spike.js';
import { volumeSpikeRule } from './rules/volume-spike.js';
import { oriDropRule } from './rules/ori-drop.js';
import { sentimentShiftRule } from './rules/sentiment-shift.js';
import { highReachNegativeRule } from './rules/high-reach-negative.js';
import { crisisKeywordRule } from './rules/crisis-keyword.js';
import { brandTrends, TREND_WINDOW_HOURS, trendingTopicRule } from './rules/trending-topic.js';
import { hold, isMuted, pruneState, releaseHeld, shouldHold } from './policy.js';
import { INCIDENT_RULES, stepIncident } from './incidents.js';
import { spikeForecastRule } from './rules/spike-forecast.js';

/** Every rule, in evaluation order. */
export const RULES: Readonly<Record<AlertRule, Rule>> = {
  'negative-spike': negativeSpikeRule,
  'volume-spike': volumeSpikeRule,
  'ori-drop': oriDropRule,
  'sentiment-shift': sentimentShiftRule,
  'high-reach-negative': highReachNegativeRule,
  'crisis-keyword': crisisKeywordRule,
  'trending-topic': trendingTopicRule,
  'spike-forecast': spikeForecastRule,
};

/** What one evaluation of one brand reads: the rules' context (less what it computes) and the alert state. */
export type EvaluateInput = Omit<RuleContext, 'trending' | 'spikes' | 'coolingKeywords'> & { state: AlertState };

export type DecisionOutcome = 'sent' | 'held' | 'released' | 'muted' | 'cooldown' | 'merged' | 'capped';
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

const counted = (ms: RuleContext['windowMentions'], negative: boolean): CountedMention[] =>
  ms.filter((m) => !negative || m.sentiment.label === 'negative').map((m) => ({ t: Date.parse(m.publishedAt), who: m.author ?? m.key }));

/** Holds an alert for the end of quiet hours; a newer update of the same incident replaces an older held one. */
function holdCollapsed(state: AlertState, a: Alert): void {
  if (a.update) state.held = state.held.filter((h) => !(h.update && h.incidentId === a.incidentId));
  hold(state, [a]);
}

/**
 * A trend whose terms were the themes of the brand's incident that resolved within the trend window: the window still
 * holds that incident's mentions, so the trend repeats what its thread told (it stays in the digest).
 */
function isEcho(trend: Alert, inc: IncidentRecord | undefined, now: Date): boolean {
  if (!inc?.resolvedAt || !inc.themes?.length || now.getTime() - Date.parse(inc.resolvedAt) > TREND_WINDOW_HOURS * 3_600_000) return false;
  const themes = new Set(inc.themes.map((t) => t.term.toLowerCase()));
  const terms = Object.keys(trend.explanation.details).filter((k) => k.startsWith('score:')).map((k) => k.slice('score:'.length).toLowerCase());
  return terms.length > 0 && terms.every((t) => themes.has(t));
}

/**
 * Runs every rule for one brand, then the incident lifecycle: a first signal opens an incident (one message), later
 * signals update it (edits + thread replies), calm resolves it. Applies mutes, per-keyword cooldowns, the daily cap
 * on trending messages and quiet hours. Pure.
 */
export function evaluateAlerts(input: EvaluateInput): EvaluateResult {
  const { now, options } = input;
  const brand = input.brand.name;
  const state = pruneState(input.state, now);
  const decisions: Decision[] = [];
  const released = releaseHeld(state, brand, now, options.quietHours);
  for (const a of released) decisions.push({ alertId: a.id, rule: a.rule, outcome: 'released' });

  const spikes = input.models
    ? {
        count: judgeSpike(input.models.count, counted(input.windowMentions, false), now, 'count', options.spike),
        negative: judgeSpike(input.models.negative, counted(input.windowMentions, true), now, 'negative', options.spike),
      }
    : undefined;
  const prefix = `${brand}|`;
  const coolingKeywords = new Set(Object.keys(state.keywordCooldowns).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
  const { state: _state, ...fromInput } = input;
  const base = { ...fromInput, spikes, coolingKeywords };
  const ctx: RuleContext = { ...base, trending: brandTrends(base) };

  const candidates: Alert[] = [];
  let trend: Alert | undefined;
  let forecast: Alert | undefined;
  for (const rule of Object.values(RULES)) {
    const a = rule(ctx);
    if (!a) continue;
    if (isMuted(state, brand, a.rule, now)) decisions.push({ alertId: a.id, rule: a.rule, outcome: 'muted' });
    else if (a.rule === 'trending-topic') trend = a;
    else if (a.rule === 'spike-forecast') forecast = a;
    else if (INCIDENT_RULES.includes(a.rule)) candidates.push(a);
  }
  for (const a of candidates.filter((c) => c.rule === 'crisis-keyword')) {
    const until = new Date(now.getTime() + options.keywordCooldownHours * 3_600_000).toISOString();
    for (const k of String(a.explanation.details.keywords ?? '').split(', ').filter(Boolean)) state.keywordCooldowns[`${brand}|${k}`] = until;
  }

  const step = stepIncident({
    now,
    brand,
    state,
    options,
    candidates,
    trend: trend && state.incidents[brand] && !state.incidents[brand].resolvedAt ? trend : undefined,
    spikes,
    ori: input.ori?.current.value,
    rollups: input.rollups,
    mentions: input.trendMentions ?? input.windowMentions,
    excludedTerms: input.excludedTerms,
    timezone: input.timezone,
  });
  const out = [...step.alerts];
  for (const c of candidates) if (!out.some((o) => o.id === c.id)) decisions.push({ alertId: c.id, rule: c.rule, outcome: 'merged' });
  if (trend && !step.trendFolded && isEcho(trend, state.incidents[brand], now)) decisions.push({ alertId: trend.id, rule: trend.rule, outcome: 'merged' });
  else if (trend && !step.trendFolded) {
    const day = `${brand}|${DateTime.fromJSDate(now, { zone: input.timezone ?? 'UTC' }).toISODate() ?? ''}`;
    const sentToday = state.trendDays[day] ?? 0;
    if (sentToday >= options.trending.maxPerDay) decisions.push({ alertId: trend.id, rule: trend.rule, outcome: 'capped' });
    else {
      state.trendDays[day] = sentToday + 1;
      out.push(trend);
    }
  } else if (trend) decisions.push({ alertId: trend.id, rule: trend.rule, outcome: 'merged' });

  if (forecast) {
    const key = `${brand}|${String(forecast.explanation.details.metric)}`;
    const inc = state.incidents[brand];
    // an open incident is already the news; a forecast already posted is not repeated; one held until morning is stale
    if ((inc && !inc.resolvedAt) || step.alerts.length > 0 || state.forecastCooldowns[key] || shouldHold(forecast, now, options.quietHours)) decisions.push({ alertId: forecast.id, rule: forecast.rule, outcome: 'merged' });
    else {
      state.forecastCooldowns[key] = new Date(now.getTime() + (options.forecast?.cooldownHours ?? 6) * 3_600_000).toISOString();
      out.push(forecast);
    }
  }

  const sent: Alert[] = [];
  for (const a of out) {
    // a muted incident says nothing more, its resolution included
    if (a.update && isMuted(state, brand, a.rule, now)) {
      decisions.push({ alertId: a.id, rule: a.rule, outcome: 'muted' });
      continue;
    }
    if (shouldHold(a, now, options.quietHours)) {
      holdCollapsed(state, a);
      decisions.push({ alertId: a.id, rule: a.rule, outcome: 'held' });
    } else {
      // an update that cannot wait goes out with its incident's first message, if that was still held
      const root = a.update ? state.held.find((h) => h.id === a.update?.of) : undefined;
      if (root) {
        state.held = state.held.filter((h) => h.incidentId !== a.incidentId);
        sent.push(root);
        decisions.push({ alertId: root.id, rule: root.rule, outcome: 'released' });
      }
      sent.push(a);
      decisions.push({ alertId: a.id, rule: a.rule, outcome: 'sent' });
    }
  }
  return { alerts: [...released, ...sent], stateUpdates: state, trending: ctx.trending.map((t) => t.term), decisions };
}
