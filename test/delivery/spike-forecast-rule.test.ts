import { describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../src/delivery/evaluate.js';
import type { AlertsOptions } from '../../src/delivery/options.js';
import type { Mention } from '../../src/domain/types.js';
import { renderAlertText } from '../../src/delivery/render-text.js';
import { mention } from '../analysis/fixtures.js';
import { defaults, history, input, NOW } from './helpers.js';

const HALF = 1_800_000;
const on: AlertsOptions = { ...defaults, forecast: { ...defaults.forecast!, enabled: true } };
// 20 mentions an hour, 4 of them negative, for 15 days
const rollups = history({ count: 20, negative: 4 }, { count: 20, negative: 4 });

/** negative mentions in the last three half hours before `now`, oldest first, each by its own author */
function rising(counts: number[], now = NOW, prefix = 'r'): Mention[] {
  return counts.flatMap((c, k) =>
    Array.from({ length: c }, (_, i) => mention(`${prefix}${k}-${i}`, 'negative', new Date(now.getTime() - (3 - k) * HALF + ((i + 0.5) * HALF) / c).toISOString(), { author: `${prefix}${k}-${i}` })),
  );
}

describe('spike forecasts in the alert evaluation (alerts.forecast)', () => {
  it('GIVEN forecasts on and negative mentions rising 3, 5, 10 THEN one info message labelled as a forecast, explained, and not again within the cool-down', () => {
    const ms = rising([3, 5, 10]);
    const r = evaluateAlerts(input({ options: on, rollups, windowMentions: ms, recentMentions: ms }));
    expect(r.alerts.map((a) => a.rule)).toEqual(['spike-forecast']);
    const a = r.alerts[0]!;
    expect(a).toMatchObject({ severity: 'info', title: 'Forecast: negative mentions of Acme may spike within 30 min' });
    expect(a.explanation.summary).toContain('Negative mentions are rising: 3, 5, 10 in the last three 30-minute spans (usually about 2 each).');
    expect(a.explanation.summary).toMatch(/may bring up to \d+ \(upper 80 % bound, about \d+ expected\), at or above the spike alert level of 20\./);
    expect(a.explanation.why).toMatch(/^This is a forecast, not a spike\./);
    expect(a.explanation.details).toMatchObject({ metric: 'negative', minutesAhead: 30, slices: '3/2 5/2 10/2' });
    expect(a.mentions.length).toBeGreaterThan(0);
    expect(a.incidentId).toBeUndefined();
    expect(renderAlertText(a)).toContain('This is a forecast, not a spike');
    expect(r.stateUpdates.forecastCooldowns['Acme|negative']).toBe(new Date(NOW.getTime() + 6 * 3_600_000).toISOString());
    // an hour later the same rise again: forecast afresh, but not posted within the cool-down
    const later = new Date(NOW.getTime() + 60 * 60_000);
    const again = rising([3, 5, 10], later, 's');
    expect(evaluateAlerts(input({ now: later, options: on, rollups, windowMentions: again, recentMentions: again })).alerts.map((x) => x.rule)).toEqual(['spike-forecast']);
    const r2 = evaluateAlerts(input({ now: later, options: on, rollups, windowMentions: again, recentMentions: again, state: r.stateUpdates }));
    expect(r2.alerts).toEqual([]);
    expect(r2.decisions).toContainEqual(expect.objectContaining({ rule: 'spike-forecast', outcome: 'merged' }));
  });

  it('GIVEN the default settings THEN no forecast (it is opt-in)', () => {
    const ms = rising([3, 5, 10]);
    expect(defaults.forecast?.enabled).toBe(false);
    expect(evaluateAlerts(input({ rollups, windowMentions: ms, recentMentions: ms })).alerts).toEqual([]);
  });

  it('GIVEN an open incident of the brand THEN no forecast: the incident is the news', () => {
    const burst = rising([3, 9, 14]);
    const opened = evaluateAlerts(input({ options: on, rollups, windowMentions: burst, recentMentions: burst }));
    expect(opened.alerts.map((a) => a.rule)).toContain('negative-spike');
    const later = new Date(NOW.getTime() + 30 * 60_000);
    const ms = rising([3, 5, 10], later, 'q');
    const r = evaluateAlerts(input({ now: later, options: on, rollups, windowMentions: ms, recentMentions: ms, state: opened.stateUpdates }));
    expect(r.alerts.filter((a) => a.rule === 'spike-forecast')).toEqual([]);
  });
});
