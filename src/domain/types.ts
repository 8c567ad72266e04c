/**
 * Domain types shared by every layer. This file imports nothing.
 * Times are ISO-8601 strings in UTC (e.g. "2026-11-23T12:00:00.000Z") so that
 * everything stored round-trips through JSON unchanged.
 */

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

export type SourceKind = 'rss' | 'reddit';

/** Engagement figures a source may know about an item (all optional). */
export interface ItemReach {
  /** Reddit score / upvotes, likes... */
  score?: number;
  /** number of comments / replies */
  comments?: number;
  /** audience size of the author or outlet, if known */
  followers?: number;
}

/** An item exactly as a source produced it, before matching. */
export interface RawItem {
  sourceId: string;
  sourceKind: SourceKind;
  guid?: string;
  link?: string;
  title: string;
  /** plain text (HTML stripped) */
  text: string;
  /** raw author name or handle; pseudonymised before storage */
  author?: string;
  /** event time, ISO; undefined when the source gave none or an invalid one */
  publishedAt?: string;
  /** host name of the link, or subreddit for reddit ("r/foo") */
  site?: string;
  reach?: ItemReach;
  /** id of the parent item (a Reddit comment's post) */
  parentKey?: string;
}

export interface Sentiment {
  label: SentimentLabel;
  /** probability of the chosen label, 0..1 */
  confidence: number;
  scores: Record<SentimentLabel, number>;
  /** which classifier produced it, e.g. "local:nbsvm-v1" or "hf:cardiffnlp/..." */
  classifier: string;
  /** ISO 639-1 code when known */
  language?: string;
  /** true when the text was not in a language the classifier supports */
  unsupportedLanguage?: boolean;
  /**
   * 'clauses': the item names other brands too, so this brand's sentiment was scored on the clauses that name it
   * (matching/entity-focus.ts); absent: scored on the whole item.
   */
  scope?: 'clauses';
  /** with scope 'clauses': the text that was scored (feedback on this mention trains on it, not on the whole item) */
  scopedText?: string;
}

/** One brand's view of one item. Key: `${brand}|${itemKey}`. */
export interface Mention {
  key: string;
  itemKey: string;
  brand: string;
  sourceId: string;
  sourceKind: SourceKind;
  url?: string;
  title: string;
  text: string;
  /** keyed hash of the author (default) or the raw author when privacy allows; absent if none */
  author?: string;
  site?: string;
  publishedAt: string;
  fetchedAt: string;
  reach: ItemReach;
  sentiment: Sentiment;
  topics: string[];
  parentKey?: string;
  /** stored during a source's first poll: counted in analysis but never alerted on individually */
  backfill: boolean;
  /** words, 2-word phrases and hashtags worth counting for trends, computed once at ingest (matching/terms.ts) */
  terms?: string[];
}

/** Per brand, per UTC hour. The unit analysis works on so a cycle's cost does not grow with history. */
export interface HourlyRollup {
  brand: string;
  /** ISO hour start, UTC */
  hour: string;
  count: number;
  positive: number;
  neutral: number;
  negative: number;
  /** sum of engagement (score + comments) */
  engagement: number;
  /** term/hashtag -> count within the hour (top terms only) */
  terms: Record<string, number>;
}

export type AlertRule = 'negative-spike' | 'volume-spike' | 'ori-drop' | 'sentiment-shift' | 'high-reach-negative' | 'crisis-keyword' | 'trending-topic' | 'spike-forecast';
export type Severity = 'info' | 'warning' | 'critical';

export interface MentionRef {
  key: string;
  title: string;
  url?: string;
  sentiment: SentimentLabel;
  confidence: number;
  publishedAt: string;
  site?: string;
  engagement: number;
  /** the sentiment was scored on the clauses that name the brand (the item names other brands too) */
  scope?: 'clauses';
  /** how many more mentions in the same list tell the same story (same title: syndicated or reposted), folded into this one */
  similar?: number;
}

export interface AlertExplanation {
  /** one sentence a human reads first */
  summary: string;
  window: { start: string; end: string };
  observed?: number;
  baseline?: number;
  threshold?: number;
  /** the plain sentence of why it fired */
  why?: string;
  /** IANA zone the summary's times are written in (settings.timezone) */
  zone?: string;
  /** machine figures for /explain (p-value, dispersion, model source...): not shown in the alert itself */
  details: Record<string, string | number>;
}

export interface Alert {
  /** deterministic: the same condition in the same window always yields the same id */
  id: string;
  brand: string;
  rule: AlertRule;
  severity: Severity;
  title: string;
  createdAt: string;
  explanation: AlertExplanation;
  mentions: MentionRef[];
  ori?: { value: number; change: number };
  /** the incident this message opens or updates (its first message's alert id) */
  incidentId?: string;
  /** what people are saying, in plain sentences (incident messages): themes with counts and a quoted stored mention */
  summary?: string;
  /** keys of the stored mentions the summary quotes */
  summaryCites?: string[];
  /** the figures and quote the summary was built from: a language model may rephrase them (pipeline), then it is dropped */
  summaryFacts?: SummaryFacts;
  /** the language model that phrased the summary from the bot's figures (absent: the bot's extractive text) */
  summaryBy?: string;
  /** set on an incident's later messages: which incident, which update, and why */
  update?: { of: string; seq: number; kind: 'update' | 'reopened' | 'resolved'; reasons: string[] };
}

/** What an extractive summary says, as data: what a language model may put in other words, and all it may use. */
export interface SummaryFacts {
  brand: string;
  /** what was counted: "negative mentions" or "mentions" */
  noun: string;
  /** how many were counted */
  pool: number;
  /** the themes, most telling first: term, count, and the previous message's count (a change) or `isNew` */
  themes: { term: string; count: number; was?: number; isNew?: boolean }[];
  /** the bot's own sentence quoting a stored mention with its link: appended as it is, never rephrased */
  quote: string;
}

export interface OriComponents {
  sentiment: number;
  engagement: number;
  volume: number;
}

export interface ReputationScore {
  brand: string;
  at: string;
  /** 0..100 */
  value: number;
  components: OriComponents;
  weights: OriComponents;
  /** weighted counts after recency decay */
  effective: { positive: number; neutral: number; negative: number; total: number };
  baselineVolume: number;
  topContributors: MentionRef[];
}

export interface Digest {
  brand: string;
  /** local date of the digest in its timezone, YYYY-MM-DD */
  date: string;
  timezone: string;
  period: { start: string; end: string };
  volume: number;
  previousVolume: number;
  sentiment: Record<SentimentLabel, number>;
  netSentiment: number | null;
  ori: number;
  previousOri: number;
  topPositive: MentionRef[];
  topNegative: MentionRef[];
  trending: { term: string; count: number; score: number }[];
  shareOfVoice: { brand: string; count: number; share: number }[];
  /** last 7 days, oldest first, for charts */
  daily: { date: string; volume: number; ori: number; positive: number; neutral: number; negative: number }[];
  alerts: number;
  /** median minutes from alert to acknowledgement, when any were acknowledged */
  timeToReactMinutes?: number;
  /** agreement of the classifier with human corrections, when any */
  feedbackAgreement?: { classifier: string; agreed: number; total: number; meanConfidence?: number }[];
  /** what people said that day, in plain sentences (the incidents' extractive summary, over the day's mentions) */
  summary?: string;
  /** the stored mentions the summary quotes (keys) */
  summaryCites?: string[];
  /** what the summary says, as data (dropped once a language model has rephrased it, or not) */
  summaryFacts?: SummaryFacts;
  /** the language model that phrased the summary from the bot's figures (absent: the bot's extractive text) */
  summaryBy?: string;
  /** the brand's events (brands[].events) that overlap the chart's days, for marking them; `end` resolved (an open event: its first 7 days) */
  events?: { name: string; start: string; end: string }[];
  /** the next local day's mentions as forecast at the digest's end, with an 80 % interval (docs/FORMULAS.md, Forecasts) */
  forecast?: { date: string; expected: number; lower: number; upper: number };
}

/** Something a human must act on (a disabled feed, a failing channel...). */
export interface Notice {
  id: string;
  level: 'info' | 'warning' | 'error';
  title: string;
  text: string;
  createdAt: string;
}

/** A watched brand as the pipeline uses it: the validated config entry (or one added from chat). */
export interface BrandSpec {
  name: string;
  aliases: string[];
  query?: string;
  competitors: string[];
  topics: Record<string, string[]>;
  crisisKeywords: string[];
  reddit: boolean;
  /** campaigns and events to measure before/after (ISO times; a bare date is local midnight in settings.timezone) */
  events?: BrandEvent[];
}

export interface BrandEvent {
  name: string;
  start: string;
  end?: string | undefined;
}
