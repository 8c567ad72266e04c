import type { Severity } from '../domain/types.js';
import type { SpikeJudgeOptions } from '../analysis/spike-verdict.js';
import type { ShiftOptions } from '../analysis/sentiment-shift.js';

/** Structurally compatible with the validated `alerts` settings (config/schema.ts alertsSchema). */
export interface QuietHoursOptions {
  /** HH:MM local */
  start: string;
  /** HH:MM local; earlier than start means the window runs overnight */
  end: string;
  timezone: string;
  /** alerts below this severity are held during quiet hours */
  minSeverity: Severity;
}

export interface SpikeSettings extends SpikeJudgeOptions {
  baselineDays: number;
  levelHalfLifeDays: number;
}

export interface TrendSettings {
  /** occurrences in the trend window */
  minCount: number;
  /** distinct authors using it */
  minAuthors: number;
  /** burst score against the brand's own history */
  minScore: number;
  /** its share of the brand's mentions over its share of the other brands' (background) */
  minLift: number;
  /** trending messages per brand per local day; the rest go to the digest */
  maxPerDay: number;
}

export interface IncidentSettings {
  /** an incident resolves after its signals stayed normal for this many spike windows */
  resolveAfterWindows: number;
  /** a relapse within this many hours of resolving reopens the incident instead of opening a new one */
  reopenHours: number;
}

export interface AlertsOptions {
  /** minimum time between two figure updates of one incident (escalations and new rules are never held back) */
  cooldownMinutes: number;
  quietHours?: QuietHoursOptions | undefined;
  spike: SpikeSettings;
  incidents: IncidentSettings;
  oriDrop: { points: number; windowHours: number; minMentions: number };
  sentimentShift: ShiftOptions;
  highReach: { minEngagement: number };
  crisisKeywords: string[];
  /** a crisis keyword already announced for a brand is not announced again for this long */
  keywordCooldownHours: number;
  trending: TrendSettings;
  /** spike forecasts (rules/spike-forecast.ts); absent: off */
  forecast?: ForecastAlertSettings | undefined;
}

export interface ForecastAlertSettings {
  enabled: boolean;
  horizonMinutes: number;
  risingPValue: number;
  minGrowth: number;
  cooldownHours: number;
}

/** The part of a brand's configuration the alert rules read. */
export interface BrandAlertConfig {
  name: string;
  competitors: string[];
  crisisKeywords: string[];
  /** the brand's name and aliases, for attributing a crisis keyword to the nearest brand (default: [name]) */
  names?: string[];
  /** names and aliases of the other configured brands */
  otherBrandNames?: string[];
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}
