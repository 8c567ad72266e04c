import { describe, expect, it } from 'vitest';
import { burstHours, judgeShift } from '../../src/analysis/sentiment-shift.js';
import { evaluateAlerts } from '../../src/delivery/evaluate.js';
import { series } from '../analysis/fixtures.js';
import { NOW, defaults, input, ori } from './helpers.js';

const HOUR = 3_600_000;
const DAYS = 15;
/** 15 days of 10 mentions an hour; hours of the last `driftHours` get `negativeNow` negatives, the others `negativeUsual`. */
function rollups(negativeUsual: number, negativeNow: number, driftHours = 24, perHour = 10): ReturnType<typeof series> {
  const hours = DAYS * 24;
  return series(new Date(NOW.getTime() - hours * HOUR).toISOString(), hours, (i) => {
    const neg = i >= hours - driftHours ? negativeNow : negativeUsual;
    return { count: perHour, negative: neg, neutral: perHour - neg };
  });
}

describe('sentiment shift: the negative share of the last day against the days before', () => {
  it('a day at 50 % negative against a usual 20 % fires, with plain percentages and the baseline it used', () => {
    const r = evaluateAlerts(input({ rollups: rollups(2, 5) }));
    const a = r.alerts.find((x) => x.rule === 'sentiment-shift');
    expect(a).toBeDefined();
    expect(a!.explanation.summary).toBe('120 of 240 mentions in the last 24 hours were negative (50 %); usually 20 % (at most 30 % on a normal day).');
    expect(a!.explanation.why).toMatch(/reached \d+ %, its alert level, 30 points above the previous 14 days/);
    expect(a!.explanation.details).toMatchObject({ baselineShare: 0.2, share: 0.5, baselineDays: 14 });
  });

  it('the same share as usual, or a rise smaller than minRise, fires nothing', () => {
    expect(judgeShift(rollups(2, 2), NOW, 1, defaults.sentimentShift).fired).toBe(false);
    // 20 % -> 27 %: within what a day can swing (at least MIN_SWING beyond chance)
    const small = judgeShift(rollups(2, 2.7), NOW, 1, defaults.sentimentShift);
    expect(small.pValue).toBeGreaterThan(defaults.sentimentShift.pValue);
    expect(small.fired).toBe(false);
    // 20 % -> 45 % fires, unless the team asks for a rise of 30 points
    expect(judgeShift(rollups(2, 4.5), NOW, 1, defaults.sentimentShift).fired).toBe(true);
    expect(judgeShift(rollups(2, 4.5), NOW, 1, { ...defaults.sentimentShift, minRise: 0.3 }).fired).toBe(false);
  });

  it('a brand whose share swings from day to day needs a bigger rise: the swing between the baseline days widens the spread', () => {
    const hours = DAYS * 24;
    // days alternate between 10 % and 40 % negative; the last day is at 55 %
    const swinging = series(new Date(NOW.getTime() - hours * HOUR).toISOString(), hours, (i) => {
      const neg = i >= hours - 24 ? 5.5 : Math.floor(i / 24) % 2 === 0 ? 1 : 4;
      return { count: 10, negative: neg, neutral: 10 - neg };
    });
    const steady = judgeShift(rollups(2.5, 5.5), NOW, 1, defaults.sentimentShift);
    const v = judgeShift(swinging, NOW, 1, defaults.sentimentShift);
    expect(steady.fired).toBe(true);
    expect(v.swing).toBeGreaterThan(0.1);
    expect(v.fired).toBe(false);
  });

  it('is judged from two days of baseline, not on one, nor on a window with few mentions', () => {
    expect(judgeShift(rollups(2, 5).slice(-24 * 3), NOW, 1, defaults.sentimentShift)).toMatchObject({ judged: true, fired: true, baselineWindows: 2 });
    const short = rollups(2, 5).slice(-24 * 2);
    expect(judgeShift(short, NOW, 1, defaults.sentimentShift)).toMatchObject({ judged: false, fired: false });
    const thin = judgeShift(rollups(0.2, 0.8, 24, 1), NOW, 1, defaults.sentimentShift);
    expect(thin.mentions).toBe(24);
    expect(thin.fired).toBe(false);
  });

  it('a negative burst days ago does not hide a drift: its hours leave the baseline instead of passing for a swing', () => {
    const hours = DAYS * 24;
    const burstAt = hours - 5 * 24;
    // 20 % negative as usual; five days ago a three-hour burst of 100 mentions an hour, 85 of them negative; today 40 %
    const r = series(new Date(NOW.getTime() - hours * HOUR).toISOString(), hours, (i) => {
      if (i >= burstAt && i < burstAt + 3) return { count: 100, negative: 85, neutral: 15 };
      const neg = i >= hours - 24 ? 4 : 2;
      return { count: 10, negative: neg, neutral: 10 - neg };
    });
    const skipped = burstHours(r, NOW.getTime() - 24 * HOUR, 1);
    expect([...skipped].map((h) => h.hour)).toEqual(r.slice(burstAt, burstAt + 3).map((h) => h.hour));
    const v = judgeShift(r, NOW, 1, defaults.sentimentShift);
    expect(v.baseline).toBeCloseTo(0.2, 2);
    expect(v.swing).toBeLessThan(0.05);
    expect(v.fired).toBe(true);
  });

  it('after a burst resolved, the index fall and the day\'s share it leaves are one update in its thread, not a reopening', () => {
    const first = evaluateAlerts(input({ rollups: rollups(2, 5) }));
    const inc = first.stateUpdates.incidents.Acme!;
    const drop = { current: ori(40), previous: ori(60) };
    for (const hoursAgo of [1, defaults.incidents.reopenHours + 1]) {
      const resolved = { ...first.stateUpdates, incidents: { Acme: { ...inc, resolvedAt: new Date(NOW.getTime() - hoursAgo * HOUR).toISOString() } } };
      const r = evaluateAlerts(input({ rollups: rollups(2, 5), state: resolved, ori: drop }));
      expect(r.alerts).toHaveLength(1);
      expect(r.alerts[0]!.update).toMatchObject({ kind: 'update', of: inc.id });
      expect(r.stateUpdates.incidents.Acme!.resolvedAt).toBeDefined();
    }
  });

  it('a lasting shift is one incident: later evaluations of the same shift add no message', () => {
    const first = evaluateAlerts(input({ rollups: rollups(2, 5) }));
    expect(first.alerts).toHaveLength(1);
    const later = new Date(NOW.getTime() + HOUR);
    const again = evaluateAlerts(input({ now: later, rollups: rollups(2, 5, 25).map((r) => ({ ...r, hour: new Date(Date.parse(r.hour) + HOUR).toISOString() })), state: first.stateUpdates }));
    expect(again.alerts).toEqual([]);
    expect(again.stateUpdates.incidents.Acme?.rules).toEqual(['sentiment-shift']);
  });

  it('the share a resolved burst left in the day reopens nothing; a day later it may open a new incident', () => {
    const first = evaluateAlerts(input({ rollups: rollups(2, 5) }));
    const inc = first.stateUpdates.incidents.Acme!;
    // the incident (opened by a burst) resolved an hour ago
    const resolved = { ...first.stateUpdates, incidents: { Acme: { ...inc, resolvedAt: new Date(NOW.getTime() - HOUR).toISOString() } } };
    expect(evaluateAlerts(input({ rollups: rollups(2, 5), state: resolved })).alerts).toEqual([]);
    const longAgo = { ...first.stateUpdates, incidents: { Acme: { ...inc, resolvedAt: new Date(NOW.getTime() - 30 * HOUR).toISOString() } } };
    expect(evaluateAlerts(input({ rollups: rollups(2, 5), state: longAgo })).alerts.map((a) => a.rule)).toEqual(['sentiment-shift']);
  });
});
