import type { Mention, OriComponents, ReputationScore, SentimentLabel } from '../domain/types.js';
import { InvalidAnalysisOptionsError } from './errors.js';
import { confidenceOf, dedupeByKey, engagementOf, toMentionRef } from './mention-ref.js';
import type { OriOptions } from './options.js';

/**
 * Online Reputation Index (ORI), 0..100, 50 = neutral. The formula is written out in docs/FORMULAS.md;
 * keep the two in step. Every component has the shape 50 * (1 + (P - N) / (P + N + U + K)) with K > 0,
 * which is bounded in (0, 100), rises when a positive mass is added and falls when a negative one is.
 */

/** Pseudo-count of neutral evidence in the sentiment component (Bayesian prior toward 50). */
export const SENTIMENT_PRIOR = 3;
/** Prior in the engagement component, in units of ln(1 + engagement) (≈ one mention with 20 engagement). */
export const ENGAGEMENT_PRIOR = 3;
/** Added to the expected baseline volume so a brand without history has a finite baseline. */
export const VOLUME_PRIOR = 1;
export const TOP_CONTRIBUTORS = 5;

const HOUR_MS = 3_600_000;
const SIGN: Record<SentimentLabel, number> = { positive: 1, neutral: 0, negative: -1 };

export interface OriInput {
  brand: string;
  /** the brand's mentions in the ORI window (older ones are ignored) */
  mentions: readonly Mention[];
  /** mentions per day over the baseline period (from rollups) */
  baselineDailyVolume: number;
  now: Date;
  options: OriOptions;
}

interface Mass {
  positive: number;
  neutral: number;
  negative: number;
}

const emptyMass = (): Mass => ({ positive: 0, neutral: 0, negative: 0 });

/** 50 * (1 + (P - N) / (P + N + U + k)), in (0, 100). */
export function balanceScore(m: Mass, k: number): number {
  const denom = m.positive + m.negative + m.neutral + k;
  if (!(denom > 0)) return 50;
  return 50 * (1 + (m.positive - m.negative) / denom);
}

/** Decay-weighted volume expected over the window at the baseline daily rate: λ/24 · h/ln2 · (1 − 2^(−W/h)). */
export function expectedDecayedVolume(baselineDailyVolume: number, halfLifeHours: number, windowDays: number): number {
  const lambda = Number.isFinite(baselineDailyVolume) && baselineDailyVolume > 0 ? baselineDailyVolume : 0;
  const windowHours = windowDays * 24;
  return (lambda / 24) * (halfLifeHours / Math.LN2) * (1 - Math.pow(2, -windowHours / halfLifeHours));
}

function validate(o: OriOptions): void {
  if (!(o.halfLifeHours > 0) || !Number.isFinite(o.halfLifeHours)) throw new InvalidAnalysisOptionsError('halfLifeHours', o.halfLifeHours);
  if (!(o.windowDays > 0) || !Number.isFinite(o.windowDays)) throw new InvalidAnalysisOptionsError('windowDays', o.windowDays);
  for (const [k, v] of Object.entries(o.weights)) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new InvalidAnalysisOptionsError(`weights.${k}`, v);
  }
}

export function computeOri(input: OriInput): ReputationScore {
  const { options, now } = input;
  validate(options);
  const nowMs = now.getTime();
  const windowHours = options.windowDays * 24;
  const sentiment = emptyMass();
  const engagement = emptyMass();
  const volume = emptyMass();
  const contributions: { mention: Mention; impact: number }[] = [];

  // Sorting by key makes the sums independent of input order (float addition is not associative).
  const unique = dedupeByKey(input.mentions).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const m of unique) {
    const t = Date.parse(m.publishedAt);
    if (Number.isNaN(t)) continue;
    const ageHours = Math.max(0, (nowMs - t) / HOUR_MS);
    if (ageHours > windowHours) continue;
    const decay = Math.exp((-Math.LN2 * ageHours) / options.halfLifeHours);
    const conf = confidenceOf(m);
    const logEng = Math.log1p(engagementOf(m));
    const label = m.sentiment.label;
    sentiment[label] += decay * conf;
    engagement[label] += decay * conf * logEng;
    volume[label] += decay;
    const impact = SIGN[label] * decay * conf * (1 + logEng);
    if (impact !== 0) contributions.push({ mention: m, impact });
  }

  const baselineVolume = expectedDecayedVolume(input.baselineDailyVolume, options.halfLifeHours, options.windowDays);
  const components: OriComponents = {
    sentiment: balanceScore(sentiment, SENTIMENT_PRIOR),
    engagement: balanceScore(engagement, ENGAGEMENT_PRIOR),
    volume: balanceScore(volume, baselineVolume + VOLUME_PRIOR),
  };
  const w = options.weights;
  const wSum = w.sentiment + w.engagement + w.volume;
  const value =
    wSum > 0
      ? (w.sentiment * components.sentiment + w.engagement * components.engagement + w.volume * components.volume) / wSum
      : components.sentiment;

  contributions.sort((a, b) => Math.abs(b.impact) - Math.abs(a.impact) || (a.mention.key < b.mention.key ? -1 : 1));
  return {
    brand: input.brand,
    at: now.toISOString(),
    value: clamp100(value),
    components: { sentiment: clamp100(components.sentiment), engagement: clamp100(components.engagement), volume: clamp100(components.volume) },
    weights: { sentiment: w.sentiment, engagement: w.engagement, volume: w.volume },
    effective: { ...volume, total: volume.positive + volume.neutral + volume.negative },
    baselineVolume,
    topContributors: contributions.slice(0, TOP_CONTRIBUTORS).map((c) => toMentionRef(c.mention)),
  };
}

function clamp100(x: number): number {
  return Math.min(100, Math.max(0, x));
}
