import type { Alert, AlertRule, HourlyRollup, Mention, MentionRef, Severity } from '../domain/types.js';
import { longestSpikeWindowMinutes, type SpikeMetric, type SpikeVerdict } from '../analysis/spike-verdict.js';
import { groupAlerts } from './grouping.js';
import { SEVERITY_RANK, maxSeverity, type AlertsOptions } from './options.js';
import { duration, localTime, plural } from './plain-words.js';
import type { AlertState, IncidentRecord } from './state.js';
import { bucketStart } from './rules/context.js';
import { incidentThemes } from './themes.js';
import { summariseIncident } from './summary.js';

/** The rules whose alerts make up incidents (trending topics are folded in as news, but never open one). */
export const INCIDENT_RULES: readonly AlertRule[] = ['negative-spike', 'volume-spike', 'ori-drop', 'sentiment-shift', 'crisis-keyword', 'high-reach-negative'];

export interface IncidentStep {
  now: Date;
  brand: string;
  state: AlertState;
  options: AlertsOptions;
  /** incident-rule alerts that passed mutes this evaluation */
  candidates: readonly Alert[];
  /** a trending-topic alert that passed the daily cap: folded into an open incident */
  trend?: Alert | undefined;
  spikes?: Readonly<Record<SpikeMetric, SpikeVerdict>> | undefined;
  ori?: number | undefined;
  rollups: readonly HourlyRollup[];
  /** the brand's recent stored mentions (the trend window): what summaries quote */
  mentions?: readonly Mention[] | undefined;
  excludedTerms?: ReadonlySet<string> | undefined;
  timezone?: string | undefined;
}

/** Adds what people are saying (summary.ts) to a message: mentions since `from` against the brand's hours before it. */
function withSummary(alert: Alert, step: IncidentStep, from: number, inc?: IncidentRecord): Alert {
  const mentions = (step.mentions ?? []).filter((m) => Date.parse(m.publishedAt) >= from && Date.parse(m.publishedAt) < step.now.getTime());
  const s = summariseIncident({ mentions, rollups: step.rollups, from, excluded: step.excludedTerms, previous: inc?.themes });
  if (!s) return alert;
  if (inc) inc.themes = s.themes;
  return { ...alert, summary: s.text, summaryCites: s.cites, summaryFacts: s.facts };
}

export interface IncidentOutcome {
  /** messages to deliver: a new incident's first message, or updates of the current one */
  alerts: Alert[];
  /** the trend was folded into the incident (no message of its own) */
  trendFolded: boolean;
}

function keywordsOf(alerts: readonly Alert[]): string[] {
  return [...new Set(alerts.filter((a) => a.rule === 'crisis-keyword').flatMap((a) => String(a.explanation.details.keywords ?? '').split(', ').filter(Boolean)))];
}

function figures(spikes: IncidentStep['spikes']): { count: number; negative: number } {
  return { count: spikes?.count.mentions ?? 0, negative: spikes?.negative.mentions ?? 0 };
}

function mergeRefs(lists: readonly MentionRef[][]): MentionRef[] {
  const seen = new Set<string>();
  return lists.flat().filter((m) => (seen.has(m.key) ? false : (seen.add(m.key), true))).slice(0, 5);
}

function updateAlert(inc: IncidentRecord, step: IncidentStep, kind: 'update' | 'reopened' | 'resolved', reasons: string[], from: readonly Alert[], summary: string): Alert {
  inc.seq++;
  const base = from[0];
  const fig = figures(step.spikes);
  const alert: Alert = {
    id: `${inc.id}:u${inc.seq}`,
    brand: step.brand,
    rule: base?.rule ?? inc.rules[0] ?? 'volume-spike',
    severity: inc.severity,
    title: `${kind === 'resolved' ? 'Resolved' : kind === 'reopened' ? 'Reopened' : 'Update'}: ${inc.title}`,
    createdAt: step.now.toISOString(),
    explanation: {
      summary,
      why: reasons.join('; '),
      window: { start: inc.openedAt, end: step.now.toISOString() },
      ...(kind === 'resolved' ? {} : { observed: fig.count }),
      ...(step.timezone ? { zone: step.timezone } : {}),
      details: { incident: inc.id, update: inc.seq, rules: inc.rules.join(', '), ...(inc.keywords.length ? { keywords: inc.keywords.join(', ') } : {}) },
    },
    mentions: mergeRefs(from.map((a) => a.mentions)),
    incidentId: inc.id,
    update: { of: inc.id, seq: inc.seq, kind, reasons },
  };
  if (step.ori !== undefined) alert.ori = { value: step.ori, change: inc.oriAtOpen === undefined ? 0 : step.ori - inc.oriAtOpen };
  inc.reported = { ...fig, at: step.now.toISOString(), ori: step.ori };
  // since the incident opened (less a window: what opened it), as far back as the recent mentions reach
  return withSummary(alert, step, Date.parse(inc.openedAt) - step.options.spike.windowMinutes * 60_000, inc);
}

/** Totals of the incident's hours from the rollups (integer counts of stored mentions). */
function totals(inc: IncidentRecord, rollups: readonly HourlyRollup[]): { mentions: number; negative: number } {
  const from = Math.floor(Date.parse(inc.openedAt) / 3_600_000) * 3_600_000;
  let mentions = 0;
  let negative = 0;
  for (const r of rollups) {
    if (Date.parse(r.hour) < from) continue;
    mentions += r.count;
    negative += r.negative;
  }
  return { mentions, negative };
}

function resolve(inc: IncidentRecord, step: IncidentStep): Alert {
  const t = totals(inc, step.rollups);
  const themes = incidentThemes(step.rollups, Date.parse(inc.openedAt), step.now.getTime(), step.excludedTerms);
  const quiet = step.options.incidents.resolveAfterWindows * step.options.spike.windowMinutes;
  const summary =
    `Resolved after ${duration(Date.parse(inc.lastActiveAt) - Date.parse(inc.openedAt) || 0)} ` +
    `(opened ${localTime(inc.openedAt, step.timezone, step.now.toISOString())}, normal again since ${localTime(inc.lastActiveAt, step.timezone, step.now.toISOString())}). ` +
    `Peak: ${plural(inc.peak.count, 'mention')} in a window, ${inc.peak.negative} negative. ` +
    `In all ${plural(t.mentions, 'mention')}, ${t.negative} negative.` +
    (themes.length ? ` Top themes: ${themes.map((x) => `"${x.term}" (${x.count})`).join(', ')}.` : '');
  const a = updateAlert(inc, step, 'resolved', [`its signals stayed at or under their usual maximum for ${duration(quiet * 60_000)}`], [], summary);
  a.explanation.details = { ...a.explanation.details, mentions: t.mentions, negative: t.negative, peak: inc.peak.count, peakNegative: inc.peak.negative };
  inc.resolvedAt = step.now.toISOString();
  // what it was about, as its closing note and its last summary said: a trend of these terms now is its echo
  const told = new Set((inc.themes ?? []).map((x) => x.term));
  inc.themes = [...(inc.themes ?? []), ...themes.filter((x) => !told.has(x.term))];
  return a;
}

function open(step: IncidentStep, candidates: readonly Alert[]): { record: IncidentRecord; alert: Alert } {
  const primary = groupAlerts(candidates).alerts[0]!;
  const id = `incident:${step.brand}:${bucketStart(step.now, step.options.spike.windowMinutes)}`;
  const fig = figures(step.spikes);
  const record: IncidentRecord = {
    id,
    brand: step.brand,
    openedAt: step.now.toISOString(),
    lastActiveAt: step.now.toISOString(),
    severity: primary.severity,
    rules: [...new Set(candidates.map((c) => c.rule))],
    keywords: keywordsOf(candidates),
    seq: 0,
    peak: fig,
    reported: { ...fig, at: step.now.toISOString(), ori: step.ori },
    oriAtOpen: step.ori,
    title: primary.title,
  };
  const from = step.now.getTime() - longestSpikeWindowMinutes(step.options.spike.windowMinutes) * 60_000;
  return { record, alert: withSummary({ ...primary, id, incidentId: id }, step, from, record) };
}

/**
 * One evaluation's step of a brand's incident: open one for the first signals, update it with news (escalation, a new
 * rule or crisis keyword, figures doubled since the last message, a folded trend), resolve it after
 * `resolveAfterWindows` windows without signals, reopen it on a relapse within `reopenHours`. Mutates `state`. Pure
 * otherwise (time comes from `step.now`).
 */
export function stepIncident(step: IncidentStep): IncidentOutcome {
  const { state, now, options } = step;
  const t = now.getTime();
  let inc = state.incidents[step.brand];
  // a resolved incident is kept while it can still reopen, or explain an ORI drop (the index lags a burst by up to its window)
  const keepHours = Math.max(options.incidents.reopenHours, options.oriDrop.windowHours, options.sentimentShift.windowHours);
  if (inc?.resolvedAt && t - Date.parse(inc.resolvedAt) > keepHours * 3_600_000) {
    delete state.incidents[step.brand];
    inc = undefined;
  }
  const cands = step.candidates;
  const fig = figures(step.spikes);
  // an ORI drop lasts as long as its window: it is news once per incident, not a sign that the incident goes on
  const fresh = cands.filter((c) => c.rule !== 'ori-drop' || !inc?.rules.includes('ori-drop'));
  const elevated = fresh.length > 0 || step.spikes?.count.elevated === true || step.spikes?.negative.elevated === true;

  if (!inc || inc.resolvedAt) {
    if (fresh.length === 0) return { alerts: [], trendFolded: false };
    const sinceResolved = inc?.resolvedAt ? t - Date.parse(inc.resolvedAt) : Infinity;
    // a day's negative share and the index both still hold the burst that just resolved: the same incident's echo, not
    // a relapse. The ORI fall is told once in its thread (fresh leaves out an ORI drop the incident already reported);
    // a share that stays high says nothing new.
    const echo = (c: Alert): boolean =>
      (c.rule === 'sentiment-shift' && sinceResolved <= options.sentimentShift.windowHours * 3_600_000) ||
      (c.rule === 'ori-drop' && sinceResolved <= options.oriDrop.windowHours * 3_600_000);
    if (fresh.every(echo) && !fresh.some((c) => c.rule === 'ori-drop')) return { alerts: [], trendFolded: false };
    if (inc && fresh.every(echo)) {
      inc.rules = [...new Set([...inc.rules, 'ori-drop' as const])];
      const lead = groupAlerts(cands).alerts[0]!;
      return { alerts: [updateAlert(inc, step, 'update', ['its reputation index fell after it resolved: the index still counts its mentions'], cands, lead.explanation.summary)], trendFolded: false };
    }
    const reopens = sinceResolved <= options.incidents.reopenHours * 3_600_000;
    if (!inc || !reopens) {
      const { record, alert } = open(step, cands);
      state.incidents[step.brand] = record;
      return { alerts: [alert], trendFolded: false };
    }
    delete inc.resolvedAt;
    inc.lastActiveAt = now.toISOString();
    inc.severity = cands.reduce<Severity>((s, c) => maxSeverity(s, c.severity), inc.severity);
    inc.rules = [...new Set([...inc.rules, ...cands.map((c) => c.rule)])];
    inc.keywords = [...new Set([...inc.keywords, ...keywordsOf(cands)])];
    inc.peak = { count: Math.max(inc.peak.count, fig.count), negative: Math.max(inc.peak.negative, fig.negative) };
    const lead = groupAlerts(cands).alerts[0]!;
    return { alerts: [updateAlert(inc, step, 'reopened', [`it fired again within ${options.incidents.reopenHours} h of resolving`], cands, lead.explanation.summary)], trendFolded: false };
  }

  if (elevated) inc.lastActiveAt = now.toISOString();
  inc.peak = { count: Math.max(inc.peak.count, fig.count), negative: Math.max(inc.peak.negative, fig.negative) };
  const reasons: string[] = [];
  const severity = cands.reduce<Severity>((s, c) => maxSeverity(s, c.severity), inc.severity);
  if (SEVERITY_RANK[severity] > SEVERITY_RANK[inc.severity]) reasons.push(`escalated from ${inc.severity} to ${severity}`);
  const newRules = [...new Set(cands.map((c) => c.rule))].filter((r) => !inc.rules.includes(r));
  if (newRules.length) reasons.push(`new signal: ${newRules.join(', ')}`);
  const newKeywords = keywordsOf(cands).filter((k) => !inc.keywords.includes(k));
  if (newKeywords.length) reasons.push(`new crisis keyword${newKeywords.length > 1 ? 's' : ''} "${newKeywords.join('", "')}"`);
  const sinceReport = t - Date.parse(inc.reported.at);
  const grew = (now_: number, then: number): boolean => now_ >= 2 * Math.max(then, 1) && now_ >= options.spike.minCount;
  if (sinceReport >= options.cooldownMinutes * 60_000 && (grew(fig.count, inc.reported.count) || grew(fig.negative, inc.reported.negative))) {
    reasons.push(`figures at least doubled since ${localTime(inc.reported.at, step.timezone, now.toISOString())}`);
  }
  const oriDrop = inc.reported.ori !== undefined && step.ori !== undefined ? inc.reported.ori - step.ori : 0;
  if (sinceReport >= options.cooldownMinutes * 60_000 && oriDrop >= options.oriDrop.points) reasons.push(`reputation index down ${oriDrop.toFixed(0)} points`);
  const trendFolded = step.trend !== undefined;
  if (step.trend) reasons.push(`now trending: ${step.trend.title.replace(/^Trending for [^:]*: /, '')}`);

  if (reasons.length > 0) {
    inc.severity = severity;
    inc.rules = [...new Set([...inc.rules, ...newRules])];
    inc.keywords = [...new Set([...inc.keywords, ...newKeywords])];
    const from = [...cands, ...(step.trend ? [step.trend] : [])];
    const lead = from.length ? groupAlerts(cands.length ? cands : from).alerts[0]! : undefined;
    const now_ = `Now ${plural(fig.count, 'mention')} in the last window, ${fig.negative} negative (peak ${inc.peak.count}).`;
    return { alerts: [updateAlert(inc, step, 'update', reasons, from, lead ? `${lead.explanation.summary} ${now_}` : now_)], trendFolded };
  }
  const quietFor = t - Date.parse(inc.lastActiveAt);
  if (quietFor >= options.incidents.resolveAfterWindows * options.spike.windowMinutes * 60_000) return { alerts: [resolve(inc, step)], trendFolded };
  return { alerts: [], trendFolded };
}
