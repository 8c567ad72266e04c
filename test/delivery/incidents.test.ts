import { describe, expect, it } from 'vitest';
import { evaluateAlerts, type EvaluateInput } from '../../src/delivery/evaluate.js';
import { emptyAlertState, type AlertState } from '../../src/delivery/state.js';
import type { Alert, Mention } from '../../src/domain/types.js';
import { mention } from '../analysis/fixtures.js';
import { NOW, burst, defaults, history, input, ori } from './helpers.js';

const at = (min: number): Date => new Date(NOW.getTime() + min * 60_000);
const rollups = history({ count: 3 });

/** Runs evaluations every 15 minutes from NOW, the window holding `n(minute)` mentions; returns every message. */
function run(minutes: number, n: (min: number) => number, extra: (min: number) => Partial<EvaluateInput> = () => ({}), start: AlertState = emptyAlertState()) {
  let state = start;
  const messages: { min: number; alert: Alert }[] = [];
  for (let m = 0; m <= minutes; m += 15) {
    const now = at(m);
    const ms = burst(n(m), 'negative', now, { prefix: `m${m}-` });
    const r = evaluateAlerts(input({ now, rollups, windowMentions: ms, recentMentions: ms, state, models: input({ now: NOW }).models, ...extra(m) }));
    state = r.stateUpdates;
    for (const a of r.alerts) messages.push({ min: m, alert: a });
  }
  return { messages, state };
}

describe('incidents', () => {
  it('GIVEN a burst lasting six hours THEN one top-level message, updates only when figures double, one resolution after calm', () => {
    // 30 negative an hour for 3 h, 70 for the next 3 h, then back to normal
    const { messages, state } = run(12 * 60, (m) => (m < 180 ? 30 : m < 360 ? 70 : 2));
    const top = messages.filter((x) => !x.alert.update);
    expect(top).toHaveLength(1);
    const id = top[0]!.alert.id;
    expect(id).toBe('incident:Acme:2026-03-15T13:00:00.000Z');
    const updates = messages.filter((x) => x.alert.update);
    expect(updates.every((u) => u.alert.update!.of === id && u.alert.incidentId === id)).toBe(true);
    expect(updates.map((u) => u.alert.update!.kind)).toEqual(['update', 'resolved']);
    expect(updates[0]!.alert.update!.reasons.join(' ')).toMatch(/doubled/);
    const resolved = updates[1]!;
    // resolved after resolveAfterWindows (3) windows without signals
    expect(resolved.min).toBe(345 + defaults.incidents.resolveAfterWindows * 60);
    expect(resolved.alert.explanation.summary).toMatch(/^Resolved after \d+ h/);
    expect(resolved.alert.explanation.summary).toMatch(/Peak: 70 mentions in a window, 70 negative/);
    expect(resolved.alert.id).toBe(`${id}:u2`);
    expect(state.incidents.Acme?.resolvedAt).toBeDefined();
  });

  it('GIVEN a relapse within reopenHours THEN the incident reopens (an update), later a new incident starts', () => {
    const first = run(6 * 60, (m) => (m < 60 ? 30 : 2));
    const resolvedAt = Date.parse(first.state.incidents.Acme!.resolvedAt!);
    const soon = new Date(resolvedAt + 2 * 3_600_000);
    const ms = burst(30, 'negative', soon);
    const relapse = evaluateAlerts(input({ now: soon, rollups, windowMentions: ms, state: first.state, models: input({ now: NOW }).models }));
    expect(relapse.alerts.map((a) => a.update?.kind)).toEqual(['reopened']);
    const late = new Date(resolvedAt + (defaults.incidents.reopenHours + 1) * 3_600_000);
    const ms2 = burst(30, 'negative', late);
    const fresh = evaluateAlerts(input({ now: late, rollups, windowMentions: ms2, state: first.state, models: input({ now: NOW }).models }));
    expect(fresh.alerts).toHaveLength(1);
    expect(fresh.alerts[0]!.update).toBeUndefined();
    expect(fresh.alerts[0]!.id).not.toBe(first.state.incidents.Acme!.id);
  });

  it('GIVEN the index falls after a burst resolved THEN that is told once in its thread, not a reopening', () => {
    const first = run(6 * 60, (m) => (m < 60 ? 30 : 2));
    const resolvedAt = Date.parse(first.state.incidents.Acme!.resolvedAt!);
    const later = (h: number): Date => new Date(resolvedAt + h * 3_600_000);
    const drop = { current: ori(40), previous: ori(60) };
    // past reopenHours, still inside the index's window (24 h): the window still counts the burst's mentions
    const one = evaluateAlerts(input({ now: later(defaults.incidents.reopenHours + 1), state: first.state, ori: drop, models: input({ now: NOW }).models }));
    expect(one.alerts).toHaveLength(1);
    expect(one.alerts[0]!.update).toMatchObject({ kind: 'update', of: first.state.incidents.Acme!.id });
    expect(one.alerts[0]!.update!.reasons.join(' ')).toMatch(/reputation index fell after it resolved/);
    expect(one.stateUpdates.incidents.Acme!.resolvedAt).toBeDefined();
    const two = evaluateAlerts(input({ now: later(defaults.incidents.reopenHours + 2), state: one.stateUpdates, ori: drop, models: input({ now: NOW }).models }));
    expect(two.alerts).toEqual([]);
  });

  it('re-evaluating the same input (after a crash) yields the same messages with the same ids', () => {
    const inp = input({ windowMentions: burst(30, 'negative') });
    expect(evaluateAlerts(inp)).toEqual(evaluateAlerts(inp));
  });
});

describe('crisis keywords', () => {
  const crisis = (key: string, title: string, min: number): Mention => mention(key, 'negative', at(min - 1).toISOString(), { title, author: key });
  it('GIVEN "outage" then "boycott" 46 minutes later THEN the boycott is a visible update; "outage" again is not repeated', () => {
    const one = evaluateAlerts(input({ now: at(0), recentMentions: [crisis('o1', 'Acme outage, nothing works', 0)] }));
    expect(one.alerts).toHaveLength(1);
    expect(one.alerts[0]!.rule).toBe('crisis-keyword');
    const two = evaluateAlerts(input({ now: at(46), state: one.stateUpdates, recentMentions: [crisis('b1', 'Boycott Acme now', 46), crisis('o2', 'Acme outage still', 46)] }));
    expect(two.alerts).toHaveLength(1);
    const u = two.alerts[0]!;
    expect(u.update?.kind).toBe('update');
    expect(u.update?.reasons.join(' ')).toMatch(/new crisis keyword "boycott"/);
    expect(u.update?.reasons.join(' ')).toMatch(/escalated from warning to critical/);
    expect(u.mentions.map((m) => m.key)).toEqual(['Acme|b1']);
    const three = evaluateAlerts(input({ now: at(90), state: two.stateUpdates, recentMentions: [crisis('o3', 'Acme outage day 2', 90)] }));
    expect(three.alerts).toEqual([]);
  });
});

describe('trending topics', () => {
  const T = 'lost luggage';
  const trendInput = (now: Date, terms: string[][], state = emptyAlertState()): EvaluateInput => {
    // a week of history in which "flight" is in every third mention of this brand
    const past = history({ count: 6, terms: { flight: 2, acme: 6 } }, { count: 6, terms: { flight: 2, acme: 6 } }, 8);
    const recent = terms.map((ts, i) => mention(`t${i}`, 'negative', new Date(now.getTime() - (i + 1) * 60_000).toISOString(), { author: `p${i}`, terms: ts }));
    return input({
      now,
      rollups: past,
      trendMentions: recent,
      state,
      excludedTerms: new Set(['acme', 'globex', 'acmeair']),
      // the other brands talk about flights all the time
      background: { terms: new Map([['flight', 300]]), total: 900 },
    });
  };
  it('GIVEN a phrase new to the brand and rare elsewhere THEN it trends; industry words and configured names never do', () => {
    const terms = Array.from({ length: 12 }, () => [T, 'lost', 'luggage', 'flight', 'acme', 'acmeair']);
    const r = evaluateAlerts(trendInput(NOW, terms));
    expect(r.trending).toEqual([T]);
    const a = r.alerts.find((x) => x.rule === 'trending-topic');
    expect(a?.title).toBe(`Trending for Acme: "${T}"`);
  });
  it('GIVEN three new trends in one day THEN only maxPerDay (2) are posted, the rest are capped', () => {
    let state = emptyAlertState();
    const posted: string[] = [];
    ['lost luggage', 'broken seat', 'cold food'].forEach((phrase, i) => {
      const r = evaluateAlerts(trendInput(new Date(NOW.getTime() + i * 3_600_000), Array.from({ length: 12 }, () => [phrase]), state));
      state = r.stateUpdates;
      posted.push(...r.alerts.filter((a) => a.rule === 'trending-topic').map((a) => a.title));
      if (i === 2) expect(r.decisions.map((d) => d.outcome)).toContain('capped');
    });
    expect(posted).toHaveLength(defaults.trending.maxPerDay);
  });
  it('GIVEN a trend of what a just-resolved incident was about THEN it is merged (its echo); a new term still trends', () => {
    const { state } = run(6 * 60, (m) => (m < 60 ? 30 : 2));
    const inc = state.incidents.Acme!;
    inc.themes = [{ term: T, count: 20 }];
    const soon = new Date(Date.parse(inc.resolvedAt!) + 3_600_000);
    const echo = evaluateAlerts(trendInput(soon, Array.from({ length: 12 }, () => [T]), structuredClone(state)));
    expect(echo.alerts.filter((a) => a.rule === 'trending-topic')).toEqual([]);
    expect(echo.decisions.find((d) => d.rule === 'trending-topic')?.outcome).toBe('merged');
    const other = evaluateAlerts(trendInput(soon, Array.from({ length: 12 }, () => ['broken seat']), structuredClone(state)));
    expect(other.alerts.map((a) => a.title)).toEqual(['Trending for Acme: "broken seat"']);
  });
  it('GIVEN fewer distinct people than trending.minAuthors THEN no trend', () => {
    const inp = trendInput(NOW, Array.from({ length: 12 }, () => [T]));
    const one = { ...inp, trendMentions: inp.trendMentions!.map((m) => ({ ...m, author: 'same' })) };
    expect(evaluateAlerts(one).trending).toEqual([]);
  });
});
