import type { PhrasingDeps } from '../pipeline/phrasing.js';
import { createHash } from 'node:crypto';
import type { Logger } from '../shared/logger.js';
import type { AlertRecord, BotApi, CompareReport, Result, TrendReport, WatchInput } from '../chat/api.js';
import type { Alert, SentimentLabel } from '../domain/types.js';
import type { OutboxEntry } from '../store/store.js';
import { brandEvent, brandSchema } from '../config/schema.js';
import { netSentiment, sumRollups } from '../analysis/stats.js';
import { trendingTerms } from '../analysis/trends.js';
import { agreementByClassifier, latestCorrections } from '../classify/feedback-agreement.js';
import { classificationText } from '../pipeline/ingest.js';
import { oriWithChange } from '../pipeline/ori.js';
import { buildBrandDigest, ACKS_KEY, type AckRecord } from '../pipeline/digests.js';
import { effectiveBrands, effectiveFeeds } from './runtime-config.js';
import { validateFeedUrl } from './feed-validation.js';
import { checkDigestDate } from './digest-date.js';
import { configuredTerms, muteRule, unmuteRule } from '../pipeline/alerting.js';
import { forecastBrands } from '../pipeline/forecasts.js';
import type { AppConfig } from '../config/load.js';
import type { Classifier } from '../classify/classifier.js';
import type { ChatSink } from '../chat/sink.js';
import type { MentionSource } from '../sources/source.js';
import type { RedditFreshness } from '../sources/reddit/index.js';
import type { Store } from '../store/store.js';
import type { RuntimeOverrides } from './runtime-config.js';
import { reenableSources } from './source-health.js';
import { forgetAuthor } from './erasure.js';
import { mentionPage } from './mention-pages.js';
import { answerQuestion } from './ask.js';
import { impactOf, listEvents } from './impact.js';

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(code: string, message: string): Result<T> => ({ ok: false, error: { code, message } });
const HOUR = 3_600_000;
/** what `/alerts threshold` may change (the Discord command offers the same list) */
export const THRESHOLD_SETTINGS = ['spike.minCount', 'spike.pValue', 'spike.ratioThreshold', 'spike.minAuthors', 'oriDrop.points', 'highReach.minEngagement', 'trending.minCount', 'trending.minScore', 'cooldownMinutes'];

/** What the API answers from: named here, so the composition root passes them and nothing imports the whole app. */
export interface BotApiDeps {
  config: AppConfig;
  store: Store;
  sink: ChatSink;
  classifier: Classifier;
  startedAt: Date;
  /** an author's keyed pseudonym, as ingest stores it (the erasure matches through it) */
  authorPseudonym(raw: string): string;
  sources(): MentionSource[];
  redditFreshness(): RedditFreshness[];
  overrides(): RuntimeOverrides;
  setOverrides(o: RuntimeOverrides): Promise<void>;
  /** run a change of the alert state (mute, unmute) so it cannot interleave with an evaluation and be overwritten */
  withAlertState<T>(fn: () => Promise<T>): Promise<T>;
  /** who phrases summaries (absent: the extractive text) */
  phrasing?: PhrasingDeps;
}

/** The one implementation of what chat may ask of the bot. Every input is validated here, like config. */
export function createBotApi(app: BotApiDeps, logger: Logger): BotApi {
  const brands = () => effectiveBrands(app.config, app.overrides());
  const findBrand = (name: string) => brands().find((b) => b.name.toLowerCase() === name.trim().toLowerCase());
  const oriSettings = () => ({ ...app.config.settings.reputation });
  const unknownBrand = <T>(name: string): Result<T> => fail('unknown-brand', `I don't watch a brand called "${name}". Known: ${brands().map((b) => b.name).join(', ')}`);

  return {
    brandNames: () => brands().map((b) => b.name),
    feedList: () => effectiveFeeds(app.config, app.overrides()).map((f) => ({ id: f.id, url: f.url, intervalSeconds: f.intervalSeconds })),
    async reputation(brand, windowHours, now) {
      const b = findBrand(brand);
      if (!b) return unknownBrand(brand);
      const s = { ...oriSettings(), windowDays: Math.max(1, windowHours / 24) };
      return ok({ ...(await oriWithChange(app.store, b.name, now, s)) });
    },
    async explainAlert(alertId) {
      const e = await app.store.outboxGet(alertId);
      if (!e || (e.payload.kind !== 'alert' && e.payload.kind !== 'update')) return fail('unknown-alert', `No alert with id "${alertId}".`);
      return ok(e.payload.alert);
    },
    async mentions(q) {
      if (q.brand && !findBrand(q.brand)) return unknownBrand(q.brand);
      const brand = q.brand ? findBrand(q.brand)?.name : undefined;
      return ok(await app.store.queryMentions({ ...q, brand, limit: Math.min(q.limit ?? 10, 100) }));
    },
    async trends(brand, windowHours, now) {
      const list = brand ? [findBrand(brand)] : brands();
      if (list.some((b) => !b)) return unknownBrand(brand ?? '');
      const out: TrendReport[] = [];
      for (const b of list) {
        if (!b) continue;
        const since = new Date(now.getTime() - (windowHours + 7 * 24) * HOUR).toISOString();
        const rollups = await app.store.rollups(b.name, since, now.toISOString());
        const terms = trendingTerms({ rollups, now, windowHours, baselineHours: 7 * 24, options: app.config.settings.alerts.trending, excluded: configuredTerms(brands()), limit: 10 });
        out.push({ brand: b.name, terms: terms.map((t) => ({ term: t.term, count: t.count, baseline: t.baseline, score: t.score })) });
      }
      return ok(out);
    },
    async forecast(brand, at, hours) {
      const list = brand ? [findBrand(brand)] : brands();
      if (list.some((b) => !b)) return unknownBrand(brand ?? '');
      if (!Number.isInteger(hours) || hours < 1 || hours > 168) return fail('bad-hours', `Forecasts look 1 to 168 hours ahead, not ${hours}.`);
      const s = app.config.settings;
      const names = brands().map((b) => b.name);
      const wanted = list.flatMap((b) => (b ? [b.name] : []));
      return ok(await forecastBrands(app.store, names, wanted, at, { hours, timezone: s.timezone, baselineDays: s.alerts.spike.baselineDays, levelHalfLifeDays: s.alerts.spike.levelHalfLifeDays }));
    },
    async compare(brand, now) {
      const b = findBrand(brand);
      if (!b) return unknownBrand(brand);
      const start = new Date(now.getTime() - 7 * 24 * HOUR);
      const rows: CompareReport['rows'] = [];
      const names = [b.name, ...b.competitors];
      const totals = await Promise.all(names.map(async (n) => ({ n, t: sumRollups(await app.store.rollups(n, start.toISOString(), now.toISOString()), start, now) })));
      const all = totals.reduce((s, x) => s + x.t.count, 0);
      for (const { n, t } of totals) rows.push({ brand: n, mentions: t.count, share: all > 0 ? t.count / all : 0, netSentiment: netSentiment(t) });
      return ok({ brand: b.name, timezone: app.config.settings.timezone, window: { start: start.toISOString(), end: now.toISOString() }, rows });
    },
    async digest(brand, now, date) {
      const list = brand ? [findBrand(brand)] : brands();
      if (list.some((b) => !b)) return unknownBrand(brand ?? '');
      const s = app.config.settings;
      const day = date === undefined ? undefined : checkDigestDate(date, s.digest.timezone ?? s.timezone, now);
      if (day && !day.ok) return day;
      const out = [];
      const deps = { store: app.store, brands: brands(), settings: s, classifierName: app.classifier.name, forecastModels: new Map(), phrasing: app.phrasing };
      for (const b of list) if (b) out.push(await buildBrandDigest(deps, b, now, day?.value));
      return ok(out);
    },
    async eventAdd(brand, name, start, end) {
      const b = findBrand(brand);
      if (!b) return unknownBrand(brand);
      const parsed = brandEvent.safeParse({ name, start, ...(end ? { end } : {}) });
      if (!parsed.success) return fail('invalid-event', parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; '));
      if (listEvents(brands()).some((e) => e.event.name.toLowerCase() === parsed.data.name.toLowerCase())) return fail('exists', `An event called "${parsed.data.name}" exists already.`);
      const o = app.overrides();
      await app.setOverrides({ ...o, addedEvents: [...(o.addedEvents ?? []), { brand: b.name, ...parsed.data }] });
      return ok(`Event "${parsed.data.name}" added for ${b.name}: /impact measures it against as long a time before it.`);
    },
    eventNames: () => listEvents(brands()).map((e) => ({ brand: e.brand, name: e.event.name })),
    impact: (event, now) => impactOf({ store: app.store, brands: brands(), ori: oriSettings(), timezone: app.config.settings.timezone }, event, now),
    async ask(question, now) {
      const text = question.trim();
      if (text.length < 3) return fail('empty-question', 'Ask a question, e.g. "why did Nimbus drop yesterday?" or "what are people saying about pricing this week?"');
      if (brands().length === 0) return fail('no-brands', 'No brand is watched yet: add one with /watch add.');
      return ok(await answerQuestion({ store: app.store, brands: brands(), ori: oriSettings(), timezone: app.config.settings.timezone, excludedTerms: configuredTerms(brands()), phrasing: app.phrasing }, text, now));
    },
    async status(now) {
      const health = new Map((await app.store.sourceHealth()).map((h) => [h.sourceId, h]));
      const sources = app.sources().map((s) => ({ ...(health.get(s.id) ?? { sourceId: s.id, consecutiveFailures: 0, disabled: false, itemsSeen: 0 }), describe: s.describe, kind: s.kind }));
      const counts = await app.store.outboxCounts();
      const chat = app.sink.health();
      return {
        startedAt: app.startedAt.toISOString(),
        timezone: app.config.settings.timezone,
        sources,
        outboxPending: counts.pending,
        outboxDead: counts.dead,
        classifier: { name: app.classifier.name, state: app.classifier.state() },
        feedbackAgreement: agreementByClassifier(latestCorrections(await app.store.feedback()), new Date(now.getTime() - 30 * 24 * HOUR)),
        failingChannels: chat.failingChannels,
        ...(chat.gateway ? { gateway: chat.gateway } : {}),
        reddit: app.redditFreshness().map((f) => ({ target: f.target, lastPolledAt: f.lastPolledAt, lagSeconds: f.lagSeconds, budgetPausedUntil: f.budgetPausedUntil, budgetQueued: f.budgetQueued })),
      };
    },
    async watchAdd(input: WatchInput) {
      const parsed = brandSchema.safeParse({ name: input.name, aliases: input.aliases ?? [], query: input.query, competitors: input.competitors ?? [] });
      if (!parsed.success) return fail('invalid-brand', parsed.error.issues.map((i) => `${i.path.join('.') || 'brand'}: ${i.message}`).join('; '));
      if (findBrand(parsed.data.name)) return fail('exists', `"${parsed.data.name}" is already watched.`);
      const o = app.overrides();
      await app.setOverrides({ ...o, addedBrands: [...o.addedBrands, parsed.data], removedBrands: o.removedBrands.filter((n) => n.toLowerCase() !== parsed.data.name.toLowerCase()) });
      logger.info({ brand: parsed.data.name }, 'Brand added from chat');
      return ok(`Now watching ${parsed.data.name}.`);
    },
    async watchRemove(name) {
      const b = findBrand(name);
      if (!b) return unknownBrand(name);
      const o = app.overrides();
      await app.setOverrides({ ...o, addedBrands: o.addedBrands.filter((x) => x.name !== b.name), removedBrands: [...o.removedBrands, b.name] });
      return ok(`Stopped watching ${b.name}. Stored mentions are kept until retention removes them.`);
    },
    watchList: () => Promise.resolve(brands().map((b) => ({ name: b.name, aliases: b.aliases, query: b.query, competitors: b.competitors }))),
    async feedAdd(url, intervalSeconds = 300) {
      const checked = await validateFeedUrl(url, app.config.sources.userAgent);
      if (!checked.ok) return checked;
      const o = app.overrides();
      const feed = { url: checked.value, intervalSeconds: Math.max(60, intervalSeconds), publicOnly: true };
      const id = `chat-${createHash('sha256').update(checked.value).digest('hex').slice(0, 12)}`;
      if (effectiveFeeds(app.config, o).some((f) => f.url === checked.value)) return fail('exists', 'That feed is already polled.');
      // adding a feed that was removed before brings it back
      await app.setOverrides({ ...o, addedFeeds: [...o.addedFeeds.filter((f) => f.url !== checked.value), { ...feed, id }], removedFeeds: o.removedFeeds.filter((r) => r !== id && r !== checked.value) });
      await reenableSources(app.store, logger, [id]);
      return ok({ id, url: checked.value, intervalSeconds: feed.intervalSeconds });
    },
    async feedRemove(idOrUrl) {
      const o = app.overrides();
      const f = effectiveFeeds(app.config, o).find((x) => x.id === idOrUrl || x.url === idOrUrl);
      if (!f) return fail('unknown-feed', `No feed "${idOrUrl}".`);
      await app.setOverrides({ ...o, addedFeeds: o.addedFeeds.filter((x) => x.url !== f.url), removedFeeds: [...o.removedFeeds, f.id] });
      return ok(`Removed feed ${f.id}.`);
    },
    async alertsMute(brand, rule, hours, now) {
      const b = findBrand(brand);
      if (!b) return unknownBrand(brand);
      await app.withAlertState(() => muteRule(app.store, b.name, rule, new Date(now.getTime() + hours * HOUR)));
      return ok(`Muted ${rule ?? 'all rules'} for ${b.name} for ${hours} h.`);
    },
    async alertsUnmute(brand, rule) {
      const b = findBrand(brand);
      if (!b) return unknownBrand(brand);
      await app.withAlertState(() => unmuteRule(app.store, b.name, rule));
      return ok(`Unmuted ${rule ?? 'all rules'} for ${b.name}.`);
    },
    async alertsThreshold(setting, value) {
      const allowed = THRESHOLD_SETTINGS;
      if (!allowed.includes(setting)) return fail('unknown-setting', `Settable: ${allowed.join(', ')}`);
      if (!Number.isFinite(value) || value <= 0) return fail('invalid-value', 'The value must be a positive number.');
      const o = app.overrides();
      await app.setOverrides({ ...o, thresholds: { ...o.thresholds, [setting]: value } });
      return ok(`${setting} is now ${value}.`);
    },
    async acknowledge(alertId, userId, now) {
      const e: OutboxEntry | undefined = await app.store.outboxGet(alertId);
      if (!e || e.payload.kind !== 'alert') return fail('unknown-alert', `No alert with id "${alertId}".`);
      const alert: Alert = e.payload.alert;
      const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(e.sentAt ?? alert.createdAt)) / 60_000));
      // atomic: two people clicking Acknowledge on two alerts at once both land, and the first click on one alert wins
      const acks = await app.store.kvUpdate<Record<string, AckRecord>>(ACKS_KEY, (cur) =>
        cur?.[alertId] ? cur : { ...cur, [alertId]: { by: userId, at: now.toISOString(), minutes, alertCreatedAt: alert.createdAt } },
      );
      return ok({ minutesToAck: acks?.[alertId]?.minutes ?? minutes });
    },
    async correctSentiment(mentionKey, label: SentimentLabel, userId, now) {
      const m = await app.store.getMention(mentionKey);
      if (!m) return fail('unknown-mention', 'That mention is no longer stored.');
      // the text the classifier saw (a reply is scored on its own words), so retraining learns from the same input
      await app.store.addFeedback([{ mentionKey, text: m.sentiment.scopedText ?? classificationText(m), label, predicted: m.sentiment.label, classifier: m.sentiment.classifier, confidence: m.sentiment.confidence, by: userId, at: now.toISOString() }]);
      return ok(label === m.sentiment.label ? `Thanks — confirmed "${label}".` : `Thanks — recorded "${label}" (the model said "${m.sentiment.label}").`);
    },
    async mentionPage(q) {
      const b = findBrand(q.brand);
      if (!b) return unknownBrand(q.brand);
      const limit = q.limit ?? 20;
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return fail('bad-limit', `limit is 1 to 100, not ${limit}.`);
      const page = await mentionPage(app.store, b.name, { since: q.since, until: q.until, sentiment: q.sentiment, limit, cursor: q.cursor });
      return page ? ok(page) : fail('bad-cursor', 'That cursor is not one these pages gave: start again without it.');
    },
    async alerts(since) {
      const out: AlertRecord[] = [];
      for (const e of await app.store.outboxSince(since.toISOString())) {
        if (e.payload.kind === 'alert' || e.payload.kind === 'update') out.push({ kind: e.payload.kind, status: e.status, ...(e.sentAt ? { sentAt: e.sentAt } : {}), alert: e.payload.alert });
      }
      return ok(out);
    },
    async forgetAuthor(handleOrUrl, now, via = 'chat') {
      const r = await forgetAuthor(app.store, app.authorPseudonym, handleOrUrl, via, now);
      if (r.ok) logger.info({ deleted: r.value.deleted, via }, 'Author erased');
      return r;
    },
  };
}
