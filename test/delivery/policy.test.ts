import { describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../src/delivery/evaluate.js';
import { isQuietTime } from '../../src/delivery/policy.js';
import { InvalidAlertStateError, InvalidQuietHoursError } from '../../src/delivery/errors.js';
import { emptyAlertState, muteRule, parseAlertState, unmuteRule } from '../../src/delivery/state.js';
import type { QuietHoursOptions } from '../../src/delivery/options.js';
import { mention } from '../analysis/fixtures.js';
import { NOW, defaults, input } from './helpers.js';

const min = (m: number, from = NOW): Date => new Date(from.getTime() + m * 60_000);
const reach = (score: number) => ({ reach: { score } });
/** a warning (500) or critical (>= 2500) high-reach negative mention */
const hr = (key: string, score: number, at = NOW) => mention(key, 'negative', min(-5, at).toISOString(), reach(score));

describe('deterministic ids', () => {
  it('re-evaluating the same input (after a crash) yields identical alerts', () => {
    const inp = input({ recentMentions: [hr('a', 600)] });
    expect(evaluateAlerts(inp)).toEqual(evaluateAlerts(inp));
  });
  it('window rules keep their id within the window bucket', () => {
    const idAt = (now: Date) => evaluateAlerts(input({ now, rollups: input().rollups.map((r, i, all) => (i === all.length - 1 ? { ...r, count: 40 } : r)) })).alerts[0]?.id;
    expect(idAt(NOW)).toBe('volume-spike:Acme:2026-03-15T13:00:00.000Z');
    expect(idAt(min(5))).toBe('volume-spike:Acme:2026-03-15T13:00:00.000Z');
  });
});

describe('cooldown', () => {
  it('suppresses the same rule for cooldownMinutes, then lets it fire again', () => {
    const first = evaluateAlerts(input({ recentMentions: [hr('a', 600)] }));
    expect(first.alerts).toHaveLength(1);
    const state = JSON.parse(JSON.stringify(first.stateUpdates)) as typeof first.stateUpdates; // persisted as JSON
    const later = (m: number, key: string, score: number) =>
      evaluateAlerts(input({ now: min(m), recentMentions: [hr(key, score, min(m))], state }));
    const during = later(60, 'b', 600);
    expect(during.alerts).toEqual([]);
    expect(during.decisions).toEqual([{ alertId: 'high-reach-negative:Acme:Acme|b', rule: 'high-reach-negative', outcome: 'cooldown' }]);
    expect(later(defaults.cooldownMinutes + 1, 'c', 600).alerts).toHaveLength(1);
  });
  it('lets a more severe alert of the same rule through (escalation)', () => {
    const first = evaluateAlerts(input({ recentMentions: [hr('a', 600)] }));
    const esc = evaluateAlerts(input({ now: min(30), recentMentions: [hr('b', 3000, min(30))], state: first.stateUpdates }));
    expect(esc.alerts.map((a) => a.severity)).toEqual(['critical']);
    expect(esc.stateUpdates.cooldowns['Acme|high-reach-negative']?.severity).toBe('critical');
  });
});

describe('quiet hours', () => {
  const q: QuietHoursOptions = { start: '22:00', end: '07:00', timezone: 'Europe/Berlin', minSeverity: 'critical' };
  it('handles overnight windows in the configured timezone', () => {
    // Berlin is UTC+1 on 2026-03-15
    expect(isQuietTime(new Date('2026-03-15T20:59:00Z'), q)).toBe(false); // 21:59
    expect(isQuietTime(new Date('2026-03-15T21:00:00Z'), q)).toBe(true); // 22:00
    expect(isQuietTime(new Date('2026-03-15T23:30:00Z'), q)).toBe(true); // 00:30
    expect(isQuietTime(new Date('2026-03-16T05:59:00Z'), q)).toBe(true); // 06:59
    expect(isQuietTime(new Date('2026-03-16T06:00:00Z'), q)).toBe(false); // 07:00
    expect(isQuietTime(new Date('2026-03-15T12:00:00Z'), { ...q, start: '12:00', end: '14:00' })).toBe(true); // 13:00, same-day window
    expect(isQuietTime(new Date('2026-03-15T12:00:00Z'), { ...q, start: '13:00', end: '13:00' })).toBe(false); // empty window
  });
  it('rejects malformed times', () => {
    expect(() => isQuietTime(NOW, { ...q, start: '25:00' })).toThrow(InvalidQuietHoursError);
  });
  it('holds alerts below minSeverity at night, sends critical ones, and releases the held ones in the morning', () => {
    const options = { ...defaults, quietHours: q };
    const night = new Date('2026-03-15T23:00:00Z'); // 00:00 Berlin
    const r = evaluateAlerts(input({ now: night, options, recentMentions: [hr('w', 600, night)] }));
    expect(r.alerts).toEqual([]);
    expect(r.stateUpdates.held.map((a) => a.rule)).toEqual(['high-reach-negative']);
    const later = min(60, night);
    const crisis = mention('c', 'negative', later.toISOString(), { title: 'Acme fraud' });
    const stillNight = evaluateAlerts(input({ now: later, options, state: r.stateUpdates, recentMentions: [crisis] }));
    expect(stillNight.alerts.map((a) => a.rule)).toEqual(['crisis-keyword']);
    expect(stillNight.stateUpdates.held).toHaveLength(1);
    const morning = evaluateAlerts(input({ now: new Date('2026-03-16T06:05:00Z'), options, state: stillNight.stateUpdates }));
    expect(morning.alerts.map((a) => a.id)).toEqual(['high-reach-negative:Acme:Acme|w']);
    expect(morning.decisions[0]?.outcome).toBe('released');
    expect(morning.stateUpdates.held).toEqual([]);
  });
  it('drops a held alert whose rule was muted during the night', () => {
    const options = { ...defaults, quietHours: q };
    const night = new Date('2026-03-15T23:00:00Z');
    const r = evaluateAlerts(input({ now: night, options, recentMentions: [hr('w', 600, night)] }));
    const muted = muteRule(r.stateUpdates, 'Acme', 'high-reach-negative', new Date('2026-03-17T00:00:00Z'));
    expect(evaluateAlerts(input({ now: new Date('2026-03-16T06:05:00Z'), options, state: muted })).alerts).toEqual([]);
  });
});

describe('mutes', () => {
  const until = min(60);
  it('silences one rule of one brand until the given time', () => {
    const state = muteRule(emptyAlertState(), 'Acme', 'high-reach-negative', until);
    const r = evaluateAlerts(input({ recentMentions: [hr('a', 600)], state }));
    expect(r.alerts).toEqual([]);
    expect(r.decisions[0]?.outcome).toBe('muted');
    const after = evaluateAlerts(input({ now: min(61), recentMentions: [hr('a', 600, min(61))], state }));
    expect(after.alerts).toHaveLength(1);
    expect(after.stateUpdates.mutes).toEqual({}); // expired mute pruned
  });
  it("'*' silences every rule; other brands are unaffected; unmute restores", () => {
    const all = muteRule(emptyAlertState(), 'Acme', '*', until);
    expect(evaluateAlerts(input({ recentMentions: [hr('a', 600)], state: all })).alerts).toEqual([]);
    const other = muteRule(emptyAlertState(), 'Globex', '*', until);
    expect(evaluateAlerts(input({ recentMentions: [hr('a', 600)], state: other })).alerts).toHaveLength(1);
    expect(evaluateAlerts(input({ recentMentions: [hr('a', 600)], state: unmuteRule(all, 'Acme', '*') })).alerts).toHaveLength(1);
  });
});

describe('parseAlertState', () => {
  it('round-trips through JSON and starts empty', () => {
    const r = evaluateAlerts(input({ recentMentions: [hr('a', 600)] }));
    expect(parseAlertState(JSON.parse(JSON.stringify(r.stateUpdates)))).toEqual(r.stateUpdates);
    expect(parseAlertState(undefined)).toEqual(emptyAlertState());
  });
  it('rejects a malformed state with a typed error', () => {
    expect(() => parseAlertState({ cooldowns: { x: { until: 1 } } })).toThrow(InvalidAlertStateError);
  });
});

describe('escalation within a cooldown', () => {
  it('GIVEN a warning spike then a critical one in the same window THEN the critical one gets its own id and is sent', async () => {
    const { evaluateAlerts } = await import('../../src/delivery/evaluate.js');
    const { input, history } = await import('./helpers.js');
    const burst = { rollups: history({ count: 40, negative: 30, neutral: 10 }, { count: 3, neutral: 3 }) };
    const first = evaluateAlerts(input(burst));
    const critical = first.alerts.find((a) => a.rule === 'negative-spike');
    expect(critical?.severity).toBe('critical');
    // pretend the cooldown was started by a warning of the same rule in this window: critical is an escalation
    const state = structuredClone(first.stateUpdates);
    for (const k of Object.keys(state.cooldowns)) state.cooldowns[k] = { ...state.cooldowns[k]!, severity: 'warning' };
    const again = evaluateAlerts(input({ ...burst, state }));
    const esc = again.alerts.find((a) => a.rule === 'negative-spike');
    expect(esc?.id).toBe(`${critical!.id}:critical`);
    expect(esc?.title).toMatch(/^Escalated to critical: /);
    // and the same again is cooling down, not a third message
    expect(evaluateAlerts(input({ ...burst, state: again.stateUpdates })).alerts.filter((a) => a.rule === 'negative-spike')).toHaveLength(0);
  });
});
