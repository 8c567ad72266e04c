import type { Alert, Severity } from '../../domain/types.js';

export interface ChannelConfig {
  alertChannelId: string;
  digestChannelId?: string;
  brandChannels: Record<string, string>;
  severityChannels: Record<string, string>;
}

/** Brand channel wins over severity channel, which wins over the default alert channel. Brand match ignores case. */
export function alertChannel(alert: Pick<Alert, 'brand' | 'severity'>, cfg: ChannelConfig): string {
  return brandChannel(alert.brand, cfg) ?? cfg.severityChannels[alert.severity] ?? cfg.alertChannelId;
}

export function digestChannel(brand: string, cfg: ChannelConfig): string {
  return cfg.digestChannelId ?? brandChannel(brand, cfg) ?? cfg.alertChannelId;
}

function brandChannel(brand: string, cfg: ChannelConfig): string | undefined {
  const exact = cfg.brandChannels[brand];
  if (exact) return exact;
  const lower = brand.toLowerCase();
  return Object.entries(cfg.brandChannels).find(([b]) => b.toLowerCase() === lower)?.[1];
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function shouldPing(severity: Severity, pingSeverity: Severity, pingRoleId: string | undefined): pingRoleId is string {
  return pingRoleId !== undefined && pingRoleId !== '' && RANK[severity] >= RANK[pingSeverity];
}
