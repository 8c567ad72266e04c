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
    // the critical news cannot wait: it goes out now, after the incident's first message that was held for it
    expect(stillNight.alerts.map((a) => [a.rule, a.update?.kind])).toEqual([['high-reach-negative', undefined], ['crisis-keyword', 'update']]);
    expect(stillNight.stateUpdates.held).toEqual([]);
    // a warning alone is released in the morning
    const other = evaluateAlerts(input({ now: night, options, recentMentions: [hr('w', 600, night)] }));
    const morning = evaluateAlerts(input({ now: new Date('2026-03-16T06:05:00Z'), options, state: other.stateUpdates }));
    // released, and resolved at once: the night was calm after it
    expect(morning.alerts.map((a) => a.update?.kind ?? 'opened')).toEqual(['opened', 'resolved']);
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
    expect(() => parseAlertState({ incidents: { Acme: { id: 1 } } })).toThrow(InvalidAlertStateError);
  });
});

describe('quiet hours and incident updates', () => {
  const q: QuietHoursOptions = { start: '22:00', end: '07:00', timezone: 'Europe/Berlin', minSeverity: 'critical' };
  it('GIVEN several updates of one incident at night THEN only the latest is held and released in the morning', () => {
    const options = { ...defaults, quietHours: q };
    const night = new Date('2026-03-15T23:00:00Z');
    const open = evaluateAlerts(input({ now: night, options, recentMentions: [hr('w', 600, night)] }));
    expect(open.stateUpdates.held.map((a) => a.rule)).toEqual(['high-reach-negative']);
    // two crisis keywords (warnings) later in the night: each an update of the held incident
    const kw = (key: string, title: string, at: Date) => mention(key, 'negative', min(-1, at).toISOString(), { title, author: key });
    const a1 = evaluateAlerts(input({ now: min(30, night), options, state: open.stateUpdates, recentMentions: [kw('k1', 'Acme outage', min(30, night))] }));
    const a2 = evaluateAlerts(input({ now: min(60, night), options, state: a1.stateUpdates, recentMentions: [kw('k2', 'Acme scandal', min(60, night))] }));
    expect(a2.stateUpdates.held.map((a) => a.update?.seq ?? 0)).toEqual([0, 2]);
    const morning = evaluateAlerts(input({ now: new Date('2026-03-16T06:05:00Z'), options, state: a2.stateUpdates }));
    expect(morning.alerts.map((a) => a.update?.seq ?? 0).slice(0, 2)).toEqual([0, 2]);
  });
});
