import type { BotApi, Result } from '../../../src/chat/api.js';
import type { Alert, Digest, Mention, MentionRef } from '../../../src/domain/types.js';

export const NOW = new Date('2026-11-23T12:00:00.000Z');

export function mentionRef(i: number, over: Partial<MentionRef> = {}): MentionRef {
  return { key: `Acme|item-${i}`, title: `Acme story ${i}`, url: `https://news.example/${i}`, sentiment: 'negative', confidence: 0.9, publishedAt: '2026-11-23T11:00:00.000Z', site: 'news.example', engagement: 10 * i, ...over };
}

export function sampleAlert(over: Partial<Alert> = {}): Alert {
  return {
    id: 'alert-acme-negative-spike-2026112311',
    brand: 'Acme',
    rule: 'negative-spike',
    severity: 'critical',
    title: 'Negative mentions spiking',
    createdAt: '2026-11-23T11:30:00.000Z',
    explanation: {
      summary: '14 negative mentions in the last hour from 12 people; usually 2 (at most 6 on a normal day).',
      why: 'It fired because 14 reaches the alert level of 9 for this time of day.',
      window: { start: '2026-11-23T10:30:00.000Z', end: '2026-11-23T11:30:00.000Z' },
      observed: 14,
      baseline: 2,
      threshold: 9,
      details: { pValue: 1e-7, minCount: 5 },
    },
    mentions: [1, 2, 3, 4, 5, 6].map((i) => mentionRef(i)),
    ori: { value: 41.5, change: -12.3 },
    ...over,
  };
}

export function sampleDigest(over: Partial<Digest> = {}): Digest {
  const daily = Array.from({ length: 7 }, (_, i) => ({ date: `2026-11-${17 + i}`, volume: 10 + i, ori: 50 + i, positive: 4, neutral: 4, negative: 2 + i }));
  return {
    brand: 'Acme', date: '2026-11-23', timezone: 'UTC', period: { start: '2026-11-22T09:00:00.000Z', end: '2026-11-23T09:00:00.000Z' },
    volume: 16, previousVolume: 15, sentiment: { positive: 4, neutral: 4, negative: 8 }, netSentiment: -0.25, ori: 56, previousOri: 55,
    topPositive: [mentionRef(1, { sentiment: 'positive' })], topNegative: [mentionRef(2)], trending: [{ term: 'recall', count: 9, score: 4.1 }],
    shareOfVoice: [{ brand: 'Acme', count: 16, share: 0.6 }, { brand: 'Globex', count: 10, share: 0.4 }], daily, alerts: 2, timeToReactMinutes: 14,
    ...over,
  };
}

function mention(i: number): Mention {
  const r = mentionRef(i);
  return {
    key: r.key, itemKey: `item-${i}`, brand: 'Acme', sourceId: 'feed-1', sourceKind: 'rss', url: r.url, title: r.title, text: 'text', publishedAt: r.publishedAt, fetchedAt: r.publishedAt,
    reach: { score: i }, sentiment: { label: 'negative', confidence: 0.8, scores: { negative: 0.8, neutral: 0.1, positive: 0.1 }, classifier: 'local:test' }, topics: [], backfill: false,
  };
}

const okv = <T>(value: T): Result<T> => ({ ok: true, value });
const err = <T>(code: string, message: string): Result<T> => ({ ok: false, error: { code, message } });

/** A BotApi that records every call and answers from fixtures; feedAdd refuses private addresses like the real one. */
export function createFakeBotApi() {
  const calls: { method: string; args: unknown[] }[] = [];
  const rec = (method: string, ...args: unknown[]) => void calls.push({ method, args });
  const alert = sampleAlert();
  const api: BotApi = {
    brandNames: () => ['Acme', 'Acme Rockets', 'Globex', 'Initech'],
    feedList: () => [{ id: 'acme-news', url: 'https://news.example/acme.xml', intervalSeconds: 300 }],
    reputation: async (brand, hours, now) => {
      rec('reputation', brand, hours, now);
      if (brand === 'Nope') return err('unknown-brand', `No brand called ${brand}. Try /watch list.`);
      return okv({ brand, at: NOW.toISOString(), value: 62.4, change: -3.1, components: { sentiment: 60, engagement: 70, volume: 55 }, weights: { sentiment: 0.6, engagement: 0.2, volume: 0.2 }, effective: { positive: 5, neutral: 3, negative: 2, total: 10 }, baselineVolume: 8, topContributors: [mentionRef(1)] });
    },
    explainAlert: async (id) => (rec('explainAlert', id), id === alert.id ? okv(alert) : err('unknown-alert', `No alert ${id}.`)),
    mentions: async (q) => (rec('mentions', q), okv(Array.from({ length: Math.min(q.limit ?? 50, 12) }, (_, i) => mention(i + 1)))),
    trends: async (brand, hours) => (rec('trends', brand, hours), okv([{ brand: brand ?? 'Acme', terms: [{ term: 'recall', count: 9, baseline: 1.2, score: 4.1 }] }])),
    compare: async (brand) => (rec('compare', brand), okv({ brand, timezone: 'UTC', window: { start: '2026-11-16T12:00:00.000Z', end: '2026-11-23T12:00:00.000Z' }, rows: [{ brand, mentions: 16, share: 0.6, netSentiment: -0.2 }, { brand: 'Globex', mentions: 10, share: 0.4, netSentiment: 0.1 }] })),
    digest: async (brand, _now, date) => (rec('digest', brand, date), date && !/^\d{4}-\d\d-\d\d$/.test(date) ? err('bad-date', `"${date}": expected a day as YYYY-MM-DD`) : okv([sampleDigest(date ? { date } : {})])),
    forecast: async (brand, at, hours) => (
      rec('forecast', brand, at, hours),
      okv([{ brand: brand ?? 'Acme', generatedAt: NOW.toISOString(), points: [{ start: '2026-11-23T13:00:00.000Z', mentions: { expected: 12.4, lower: 7, upper: 19 }, negative: { expected: 3.1, lower: 1, upper: 6 } }] }])
    ),
    eventAdd: async (brand, name, start, end) => (rec('eventAdd', brand, name, start, end), okv(`Event "${name}" added for ${brand}`)),
    eventNames: () => [{ brand: 'Acme', name: 'Winter sale' }],
    impact: async (event, now) => (
      rec('impact', event, now),
      event !== 'Winter sale'
        ? err('unknown-event', `No event called "${event}". Known: "Winter sale" (Acme).`)
        : okv({
            timezone: 'UTC',
            brand: 'Acme',
            event,
            before: { start: '2026-11-09T00:00:00.000Z', end: '2026-11-16T00:00:00.000Z', mentions: 70, volumePerDay: 10, nss: 0.1, shareOfVoice: 0.4, ori: 55 },
            after: { start: '2026-11-16T00:00:00.000Z', end: '2026-11-23T00:00:00.000Z', mentions: 140, volumePerDay: 20, nss: 0.3, shareOfVoice: 0.55, ori: 61 },
            change: { volumePerDay: { value: 10, low: 6, high: 14 }, nss: { value: 0.2, low: 0.05, high: 0.35 }, shareOfVoice: { value: 0.15, low: 0.08, high: 0.22 }, ori: 6 },
            unit: 'day' as const,
            running: false,
          })
    ),
    ask: async (question, now) => (
      rec('ask', question, now),
      okv({
        question,
        intent: 'why' as const,
        brands: ['Acme'],
        period: { start: '2026-11-22T00:00:00.000Z', end: '2026-11-23T00:00:00.000Z', label: 'yesterday' },
        readAs: 'why a brand moved, for Acme, yesterday',
        lines: ["Acme's reputation index fell yesterday: 62 → 48.", 'What people say about Acme: People mostly talk about "@everyone refund" in 9 of 20 negative mentions.'],
        cites: [{ key: 'k1', brand: 'Acme', url: 'https://social.example/1', quote: '@everyone Acme **refund** now', sentiment: 'negative' as const, publishedAt: '2026-11-22T10:00:00.000Z' }],
      })
    ),
    status: async () => (rec('status'), { startedAt: NOW.toISOString(), timezone: 'UTC', sources: [], outboxPending: 0, outboxDead: 0, classifier: { name: 'local', state: 'ok' }, feedbackAgreement: [], failingChannels: [] }),
    watchAdd: async (input) => (rec('watchAdd', input), okv(`Now watching ${input.name}`)),
    watchRemove: async (name) => (rec('watchRemove', name), okv(`Stopped watching ${name}`)),
    watchList: async () => (rec('watchList'), [{ name: 'Acme', aliases: ['ACME Corp'] }]),
    feedAdd: async (url, interval) => {
      rec('feedAdd', url, interval);
      const host = new URL(url).hostname;
      if (host === '127.0.0.1' || host === 'localhost') return err('private-address', `Refused: ${host} is not a public address.`);
      if (url.includes('redirect-to-private')) return err('private-address', 'Refused: the feed redirects to a private address (10.0.0.5).');
      return okv({ id: 'new-feed', url, intervalSeconds: interval ?? 300 });
    },
    feedRemove: async (id) => (rec('feedRemove', id), okv(`Removed ${id}`)),
    alertsMute: async (brand, rule, hours) => (rec('alertsMute', brand, rule, hours), okv(`Muted ${brand} ${rule ?? 'all rules'} for ${hours} h`)),
    alertsUnmute: async (brand, rule) => (rec('alertsUnmute', brand, rule), okv(`Unmuted ${brand}`)),
    alertsThreshold: async (setting, value) => (rec('alertsThreshold', setting, value), okv(`${setting} = ${value}`)),
    acknowledge: async (id, user, now) => (rec('acknowledge', id, user, now), okv({ minutesToAck: 12 })),
    correctSentiment: async (key, label, user, now) => (rec('correctSentiment', key, label, user, now), okv('thanks')),
    mentionPage: async (q) => (rec('mentionPage', q), okv({ mentions: [mention(1)] })),
    alerts: async (since) => (rec('alerts', since), okv([{ kind: 'alert' as const, status: 'sent' as const, alert }])),
    forgetAuthor: async (who, now, via) => (rec('forgetAuthor', who, now, via), who.trim() === '' ? err('bad-author', 'Give the author as a handle.') : okv({ deleted: 3 })),
  };
  return { api, calls, alert };
}
