import type { Severity } from '../domain/types.js';
import type { SpikeOptions, TrendOptions } from '../analysis/options.js';

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

export interface AlertsOptions {
  cooldownMinutes: number;
  quietHours?: QuietHoursOptions | undefined;
  spike: SpikeOptions;
  oriDrop: { points: number; windowHours: number };
  highReach: { minEngagement: number };
  crisisKeywords: string[];
  trending: TrendOptions;
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
