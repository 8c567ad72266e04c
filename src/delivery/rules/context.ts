import type { Alert, AlertExplanation, AlertRule, HourlyRollup, Mention, MentionRef, ReputationScore, Severity } from '../../domain/types.js';
import type { TrendingTerm } from '../../analysis/trends.js';
import type { BrandModels } from '../../analysis/brand-models.js';
import type { SpikeMetric, SpikeVerdict } from '../../analysis/spike-verdict.js';
import { engagementOf, topStories } from '../../analysis/mention-ref.js';
import type { AlertsOptions, BrandAlertConfig } from '../options.js';

export interface OriPair {
  current: ReputationScore;
  /** the score at now − oriDrop.windowHours, when known */
  previous?: ReputationScore | undefined;
}

/** What every rule sees. Rules are pure: they return a candidate alert or null. */
export interface RuleContext {
  now: Date;
  brand: BrandAlertConfig;
  options: AlertsOptions;
  /** the brand's hourly rollups covering [now − (spike.baselineDays + 1) days, now] */
  rollups: readonly HourlyRollup[];
  /** the brand's mentions published in the longest spike window (3 × windowMinutes, backfill included): what spikes count */
  windowMentions: readonly Mention[];
  /** the brand's mentions published in the trend window (6 h): what trends count, with their authors */
  trendMentions?: readonly Mention[] | undefined;
  /** the brand's count models (fitted with every brand's history, pipeline/alerting); absent: spikes are not judged */
  models?: BrandModels | undefined;
  /** per term: its count over the trend window in the other brands' mentions, and their total mentions */
  background?: { terms: ReadonlyMap<string, number>; total: number } | undefined;
  /** terms that never trend: every configured name, alias, handle and query word, own and competitors' */
  excludedTerms?: ReadonlySet<string> | undefined;
  /** crisis keywords announced for this brand recently (keywordCooldownHours): not announced again */
  coolingKeywords?: ReadonlySet<string> | undefined;
  /** the brand's mentions since the previous evaluation, backfill included (per-mention rules skip those) */
  recentMentions: readonly Mention[];
  ori?: OriPair | undefined;
  /** terms trending now (computed once per evaluation) */
  trending: readonly TrendingTerm[];
  /** both spike metrics judged once per evaluation (undefined without models) */
  spikes?: Readonly<Record<SpikeMetric, SpikeVerdict>> | undefined;
  /** terms returned as `trending` by the previous evaluation of this brand */
  previousTrending: readonly string[];
  /** when the brand's history begins (default: its earliest rollup) */
  historyStart?: string | undefined;
  /** IANA zone of the brand team: spike baselines compare the same local time on past days (default UTC) */
  timezone?: string | undefined;
}

export type Rule = (ctx: RuleContext) => Alert | null;

export const MAX_ALERT_MENTIONS = 5;

/** Start (ISO) of the epoch-aligned bucket of `minutes` containing now: the stable part of window-rule ids. */
export function bucketStart(now: Date, minutes: number): string {
  const ms = Math.max(1, Math.round(minutes)) * 60_000;
  return new Date(Math.floor(now.getTime() / ms) * ms).toISOString();
}

export const LABEL_RANK = { negative: 0, neutral: 1, positive: 2 } as const;

/** Most negative first, then most engaged, then most confident, then key (deterministic). */
export function rankMentions(ms: readonly Mention[], limit = MAX_ALERT_MENTIONS): MentionRef[] {
  const ranked = [...ms]
    .sort(
      (a, b) =>
        LABEL_RANK[a.sentiment.label] - LABEL_RANK[b.sentiment.label] ||
        engagementOf(b) - engagementOf(a) ||
        b.sentiment.confidence - a.sentiment.confidence ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
  return topStories(ranked, limit);
}

export const live = (ms: readonly Mention[]): Mention[] => ms.filter((m) => !m.backfill);

export function fmt(x: number, digits = 1): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

export function makeAlert(
  ctx: RuleContext,
  a: { id: string; rule: AlertRule; severity: Severity; title: string; explanation: AlertExplanation; mentions: MentionRef[] },
): Alert {
  // every time in the alert is written in the team's zone (settings.timezone), whichever rule raised it
  const explanation = a.explanation.zone || !ctx.timezone ? a.explanation : { ...a.explanation, zone: ctx.timezone };
  const alert: Alert = { ...a, explanation, brand: ctx.brand.name, createdAt: ctx.now.toISOString() };
  if (ctx.ori) {
    const prev = ctx.ori.previous?.value;
    alert.ori = { value: ctx.ori.current.value, change: prev === undefined ? 0 : ctx.ori.current.value - prev };
  }
  return alert;
}
