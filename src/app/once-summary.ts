import type { TickReport } from './build.js';

/** What `once` did, as `--json` prints it (one object) and the text summary reads it. */
export interface OnceSummary {
  at: string;
  sources: {
    configured: number;
    polled: number;
    /** configured sources not polled: not due yet (polled recently, or backing off after failures) or disabled */
    notDue: number;
    ok: number;
    failed: { sourceId: string; error: string }[];
    /** sources disabled by this cycle after repeated failures */
    disabled: string[];
  };
  /** items not stored before (any brand or none) */
  newItems: number;
  mentions: {
    stored: number;
    /** stored from a source's first poll: silent by design (history, not news), no alert is raised for them */
    backfilled: number;
    /** evaluated by the alert rules */
    live: number;
    brands: string[];
  };
  alerts: {
    raised: number;
    list: { id: string; brand: string; rule: string; severity: string }[];
  };
  delivered: {
    /** outbox entries delivered in this cycle (alerts raised now or earlier, updates, digests, notices) */
    sent: number;
    failed: number;
    byKind: Record<string, number>;
  };
}

export function onceSummary(r: TickReport, configuredSources: number, at: Date): OnceSummary {
  return {
    at: at.toISOString(),
    sources: {
      configured: configuredSources,
      polled: r.polled.length,
      notDue: Math.max(0, configuredSources - r.polled.length),
      ok: r.polled.length - r.failed.length,
      failed: r.failed,
      disabled: r.disabled,
    },
    newItems: r.newItems,
    mentions: { stored: r.mentions, backfilled: r.backfilled, live: r.mentions - r.backfilled, brands: r.brands },
    alerts: { raised: r.alerts.length, list: r.alerts.map((a) => ({ id: a.id, brand: a.brand, rule: a.rule, severity: a.severity })) },
    delivered: { sent: r.delivery.sent, failed: r.delivery.failed, byKind: { ...r.delivery.sentByKind } },
  };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The summary a person reads on stdout after `once`. */
export function renderOnceSummary(s: OnceSummary): string {
  const src = s.sources;
  const lines = [`once: one cycle done at ${s.at}`];
  const notDue = src.notDue > 0 ? `, ${src.notDue} not due yet or disabled` : '';
  lines.push(`  sources:  ${src.polled} polled of ${src.configured}, ${src.ok} ok, ${src.failed.length} failed${notDue}`);
  for (const f of src.failed) lines.push(`    failed: ${f.sourceId}: ${f.error}`);
  for (const d of src.disabled) lines.push(`    disabled after repeated failures: ${d}`);
  lines.push(`  items:    ${s.newItems} new`);
  const m = s.mentions;
  lines.push(`  mentions: ${m.stored} stored${m.brands.length > 0 ? ` (${m.brands.join(', ')})` : ''}, ${m.live} live`);
  if (m.backfilled > 0) lines.push(`    ${plural(m.backfilled, 'mention')} from first polls stored as backfill: silent by design (a new source's history is not news), no alerts for them`);
  lines.push(`  alerts:   ${s.alerts.raised} raised`);
  for (const a of s.alerts.list) lines.push(`    ${a.severity} ${a.rule} for ${a.brand}`);
  const kinds = Object.entries(s.delivered.byKind).map(([k, n]) => plural(n, k));
  lines.push(`  delivery: ${s.delivered.sent} delivered${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}${s.delivered.failed > 0 ? `, ${s.delivered.failed} failed` : ''}`);
  return `${lines.join('\n')}\n`;
}
