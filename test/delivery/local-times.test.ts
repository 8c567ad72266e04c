import { describe, expect, it } from 'vitest';
import { renderAlertText, renderDigestText, renderUpdateText } from '../../src/delivery/render-text.js';
import { localStamp, localTime } from '../../src/delivery/plain-words.js';
import { alertEmbed } from '../../src/chat/discord/embeds/alert-embed.js';
import { digestEmbed } from '../../src/chat/discord/embeds/digest-embed.js';
import { statusEmbed } from '../../src/chat/discord/embeds/status-embed.js';
import { compareEmbed } from '../../src/chat/discord/embeds/report-embeds.js';
import { makeAlert } from '../../src/delivery/rules/context.js';
import type { RuleContext } from '../../src/delivery/rules/context.js';
import { sampleAlert, sampleDigest } from '../chat/discord/fake-bot-api.js';

/** An ISO instant as the machine writes it: what a person should never have to read. */
const MACHINE_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d|\.\d{3}Z|:\d\d\.\d{3}/;

// the local day 2 December in Paris: 2026-12-01T23:00Z → 2026-12-02T23:00Z
const parisDay = sampleDigest({
  date: '2026-12-02',
  timezone: 'Europe/Paris',
  period: { start: '2026-12-01T23:00:00.000Z', end: '2026-12-02T23:00:00.000Z' },
});

describe('times a person reads are in settings.timezone, without milliseconds', () => {
  it('GIVEN a digest for a Paris day THEN the text and the Discord footer show the local midnights', () => {
    const text = renderDigestText(parisDay);
    expect(text).toContain('Period: Wed 2 Dec 00:00 → Thu 3 Dec 00:00');
    expect(text).not.toMatch(MACHINE_TIME);
    // the mention lines too (published 2026-11-23T11:00Z = 12:00 in Paris)
    expect(text).toContain('(Mon 23 Nov 12:00)');
    const footer = digestEmbed(parisDay).footer?.text ?? '';
    expect(footer).toBe('Wed 2 Dec 00:00 → Thu 3 Dec 00:00 (Europe/Paris)');
  });

  it('GIVEN an alert in Europe/Paris THEN the console text and the Discord window use that zone', () => {
    const base = sampleAlert();
    const a = { ...base, explanation: { ...base.explanation, zone: 'Europe/Paris' } };
    const text = renderAlertText(a);
    expect(text).toContain('Window: 11:30 → 12:30');
    expect(text).toContain('12:30 (Europe/Paris)');
    expect(text).not.toMatch(MACHINE_TIME);
    expect(renderUpdateText({ ...a, update: { of: 'i', seq: 1, kind: 'update', reasons: [] } })).not.toMatch(MACHINE_TIME);
    expect(alertEmbed(a).fields?.find((f) => f.name === 'Window')?.value).toBe('11:30 → 12:30 (Europe/Paris)');
  });

  it('GIVEN a rule that does not name a zone THEN makeAlert writes the alert in the context timezone', () => {
    const ctx = { brand: { name: 'Acme' }, now: new Date('2026-12-02T08:00:00Z'), timezone: 'Asia/Tokyo' } as unknown as RuleContext;
    const a = makeAlert(ctx, { id: 'x', rule: 'ori-drop', severity: 'warning', title: 't', explanation: { summary: 's', window: { start: '2026-12-01T08:00:00.000Z', end: '2026-12-02T08:00:00.000Z' }, details: {} }, mentions: [] });
    expect(a.explanation.zone).toBe('Asia/Tokyo');
    expect(renderAlertText(a)).toContain('Window: Tue 1 Dec 17:00 → 17:00');
    // a zone the rule chose itself is kept
    expect(makeAlert(ctx, { id: 'y', rule: 'ori-drop', severity: 'warning', title: 't', explanation: { summary: 's', window: { start: '', end: '' }, details: {}, zone: 'UTC' }, mentions: [] }).explanation.zone).toBe('UTC');
  });

  it('GIVEN /status with timezone Europe/Paris THEN the start time and a rate-limit pause are local', () => {
    const e = statusEmbed(
      {
        startedAt: '2026-12-02T08:15:42.123Z', timezone: 'Europe/Paris', sources: [], outboxPending: 0, outboxDead: 0, classifier: { name: 'local', state: 'ok' }, feedbackAgreement: [], failingChannels: [],
        reddit: [{ target: 'r/acme', budgetPausedUntil: '2026-12-02T08:20:00.999Z', budgetQueued: 0 }],
      },
      [],
    );
    expect(e.fields?.find((f) => f.name === 'Up since')?.value).toMatch(/^Wed 2 Dec 09:15 \(Europe\/Paris\), <t:\d+:R>$/);
    expect(e.fields?.find((f) => f.name === 'Reddit freshness')?.value).toContain('rate-limited until Wed 2 Dec 09:20');
  });

  it('GIVEN /compare in Europe/Paris THEN its window footer is local', () => {
    const e = compareEmbed({ brand: 'Acme', timezone: 'Europe/Paris', window: { start: '2026-11-25T08:00:00.000Z', end: '2026-12-02T08:00:00.000Z' }, rows: [] });
    expect(e.footer?.text).toBe('Wed 25 Nov 09:00 → Wed 2 Dec 09:00 (Europe/Paris)');
  });

  it('localTime and localStamp drop seconds and milliseconds and follow DST', () => {
    expect(localTime('2026-07-01T10:00:59.999Z', 'Europe/Paris')).toBe('Wed 1 Jul 12:00');
    expect(localStamp('2026-12-01T23:00:00.000Z', 'Europe/Paris')).toBe('2026-12-02 00:00');
    expect(localStamp('not a time', 'UTC')).toBe('not a time');
  });
});
