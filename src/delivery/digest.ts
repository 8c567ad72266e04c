import { median } from 'simple-statistics';
import type { Alert, Digest, HourlyRollup, Mention, MentionRef } from '../domain/types.js';
import type { FeedbackRecord } from '../store/store.js';
import type { TrendOptions } from '../analysis/options.js';
import { confidenceOf, dedupeByKey, engagementOf, topStories } from '../analysis/mention-ref.js';
import { addDays, dailyTotals, emptyTotals, localDate, localDayBounds, netSentiment, shareOfVoice, sumRollups } from '../analysis/stats.js';
import { trendingTerms } from '../analysis/trends.js';
import { summariseIncident } from './summary.js';

export const DIGEST_DAYS = 7;
export const DIGEST_TOP_MENTIONS = 5;
/** trending terms of the digest day are scored against this many days before it */
export const DIGEST_TREND_BASELINE_DAYS = 7;
const DEFAULT_TRENDS: TrendOptions = { minCount: 5, minScore: 3 };

export interface AlertAck {
  alertId: string;
  alertCreatedAt: string;
  ackedAt: string;
}

export interface DigestInput {
  brand: string;
  now: Date;
  timezone: string;
  /** local date (YYYY-MM-DD) to report; default: the last complete local day before `now` */
  date?: string | undefined;
  /** the brand's rollups covering the DIGEST_DAYS local days up to `date` and DIGEST_TREND_BASELINE_DAYS before `date` */
  rollups: readonly HourlyRollup[];
  /** the brand's mentions of the digest day (others are ignored) */
  mentions: readonly Mention[];
  /** ORI snapshots (any order); a day's ORI is the last snapshot before the day ends */
  oriHistory: readonly { at: string; value: number }[];
  /** current ORI, used when no snapshot exists */
  ori?: number | undefined;
  /** competitor -> mention count on the digest day */
  competitorVolumes: Record<string, number>;
  alerts: readonly Pick<Alert, 'id' | 'brand' | 'createdAt'>[];
  acks?: readonly AlertAck[] | undefined;
  feedback?: readonly FeedbackRecord[] | undefined;
  trending?: TrendOptions | undefined;
  /** never trending: the configured brands' names, aliases and query words (as for the trending-topic alert) */
  excludedTerms?: ReadonlySet<string> | undefined;
}

/** (1 + engagement) × confidence: engagement × confidence, with the 1 so RSS items (no engagement) still rank by confidence. */
export const mentionWeight = (m: Mention): number => (1 + engagementOf(m)) * confidenceOf(m);

function top(ms: readonly Mention[], label: 'positive' | 'negative'): MentionRef[] {
  const sorted = ms
    .filter((m) => m.sentiment.label === label)
    .sort((a, b) => mentionWeight(b) - mentionWeight(a) || (a.key < b.key ? -1 : 1));
  return topStories(sorted, DIGEST_TOP_MENTIONS);
}

/** ORI at an instant from snapshots: last one at or before it; else the earliest known (flat back-fill); else fallback. */
export function oriAtTime(history: readonly { at: string; value: number }[], at: Date, fallback: number): number {
  const sorted = [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  let v: number | undefined;
  for (const s of sorted) if (Date.parse(s.at) <= at.getTime()) v = s.value;
  return v ?? sorted[0]?.value ?? fallback;
}

/** Agreement of each classifier with human corrections (predicted label == corrected label), by classifier name. */
export function feedbackAgreement(records: readonly FeedbackRecord[]): { classifier: string; agreed: number; total: number; meanConfidence?: number }[] {
  const by = new Map<string, { agreed: number; total: number; confSum: number; confN: number }>();
  for (const r of records) {
    const e = by.get(r.classifier) ?? { agreed: 0, total: 0, confSum: 0, confN: 0 };
    e.total += 1;
    if (r.predicted === r.label) e.agreed += 1;
    // calibration: the mean confidence of the corrected predictions, against how often they were right
    if (typeof r.confidence === 'number' && Number.isFinite(r.confidence)) {
      e.confSum += r.confidence;
      e.confN += 1;
    }
    by.set(r.classifier, e);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([classifier, e]) => ({ classifier, agreed: e.agreed, total: e.total, ...(e.confN ? { meanConfidence: Math.round((e.confSum / e.confN) * 1000) / 1000 } : {}) }));
}

/** Median minutes from alert to acknowledgement for acks of `alertIds` (negative delays ignored). */
export function timeToReact(acks: readonly AlertAck[], alertIds: ReadonlySet<string>): number | undefined {
  const mins = acks
    .filter((a) => alertIds.has(a.alertId))
    .map((a) => (Date.parse(a.ackedAt) - Date.parse(a.alertCreatedAt)) / 60_000)
    .filter((m) => Number.isFinite(m) && m >= 0);
  return mins.length > 0 ? median(mins) : undefined;
}

/** One brand's daily digest for a local day in a timezone. Pure. */
export function buildDigest(input: DigestInput): Digest {
  const tz = input.timezone;
  const date = input.date ?? addDays(localDate(input.now, tz), -1);
  const { start, end: dayEnd } = localDayBounds(date, tz);
  const end = new Date(Math.min(dayEnd.getTime(), Math.max(start.getTime(), input.now.getTime())));
  const fallbackOri = input.ori ?? 50;
  const today = sumRollups(input.rollups, start, end);
  const prevBounds = localDayBounds(addDays(date, -1), tz);
  const previous = sumRollups(input.rollups, prevBounds.start, prevBounds.end);
  const mentions = dedupeByKey(input.mentions).filter((m) => {
    const t = Date.parse(m.publishedAt);
    return t >= start.getTime() && t < end.getTime();
  });
  const days = dailyTotals(input.rollups, tz);
  const daily = Array.from({ length: DIGEST_DAYS }, (_, i) => {
    const d = addDays(date, i - (DIGEST_DAYS - 1));
    const t = days.get(d) ?? emptyTotals();
    const until = i === DIGEST_DAYS - 1 ? end : localDayBounds(d, tz).end;
    return { date: d, volume: t.count, ori: oriAtTime(input.oriHistory, until, fallbackOri), positive: t.positive, neutral: t.neutral, negative: t.negative };
  });
  const seriesStart = localDayBounds(daily[0]?.date ?? date, tz).start;
  const brandAlerts = input.alerts.filter((a) => a.brand === input.brand);
  const inRange = (iso: string, s: Date): boolean => Date.parse(iso) >= s.getTime() && Date.parse(iso) < end.getTime();
  const ttr = timeToReact(input.acks ?? [], new Set(brandAlerts.filter((a) => inRange(a.createdAt, seriesStart)).map((a) => a.id)));
  const periodHours = Math.max(1, (end.getTime() - start.getTime()) / 3_600_000);
  const trending = trendingTerms({
    rollups: input.rollups,
    now: end,
    windowHours: periodHours,
    baselineHours: DIGEST_TREND_BASELINE_DAYS * 24,
    options: input.trending ?? DEFAULT_TRENDS,
    excluded: input.excludedTerms,
    limit: 10,
  }).map(({ term, count, score }) => ({ term, count, score }));

  const digest: Digest = {
    brand: input.brand,
    date,
    timezone: tz,
    period: { start: start.toISOString(), end: end.toISOString() },
    volume: today.count,
    previousVolume: previous.count,
    sentiment: { positive: today.positive, neutral: today.neutral, negative: today.negative },
    netSentiment: netSentiment(today),
    ori: oriAtTime(input.oriHistory, end, fallbackOri),
    previousOri: oriAtTime(input.oriHistory, prevBounds.end, fallbackOri),
    topPositive: top(mentions, 'positive'),
    topNegative: top(mentions, 'negative'),
    trending,
    shareOfVoice: shareOfVoice({ ...input.competitorVolumes, [input.brand]: today.count }),
    daily,
    alerts: brandAlerts.filter((a) => inRange(a.createdAt, start)).length,
  };
  // what the day's mentions (complaints first, when there are enough) talked about, against the weeks before it
  const said = summariseIncident({ mentions, rollups: input.rollups, from: start.getTime(), excluded: input.excludedTerms, brand: input.brand });
  if (said) {
    digest.summary = said.text;
    digest.summaryCites = said.cites;
    digest.summaryFacts = said.facts;
  }
  if (ttr !== undefined) digest.timeToReactMinutes = ttr;
  const fb = feedbackAgreement(input.feedback ?? []);
  if (fb.length > 0) digest.feedbackAgreement = fb;
  return digest;
}
