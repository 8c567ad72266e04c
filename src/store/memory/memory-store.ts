import type { HourlyRollup, Mention } from '../../domain/types.js';
import type { SourceState } from '../../sources/source.js';
import type { CycleBatch, FeedbackRecord, MentionQuery, OutboxEntry, SourceHealth, Store } from '../store.js';
import { feedbackId, hourKey, markFailed, markSent, mentionTerms, normaliseIso, OUTBOX_KEEP_SENT_MS, outboxOrder, TOP_TERMS_PER_HOUR, topTerms } from '../rollup-core.js';

/**
 * The Store in memory: nothing survives the process. For dry runs (`replay` without `--data`) and the alert-quality
 * benchmark, where a year of history must replay in seconds. Same semantics as the lowdb store (idempotent commits,
 * rollups always equal the stored mentions, half-open query ranges, newest first), without files, locks or journal.
 * Returned mentions and rollups are shallow copies (their nested objects are shared: read them, do not edit them).
 */
export class MemoryStore implements Store {
  private readonly mentions = new Map<string, Mention>();
  /** per brand: mentions sorted by publishedAt (then key), for range queries */
  private readonly byBrand = new Map<string, Mention[]>();
  private readonly items = new Set<string>();
  private readonly hours = new Map<string, Map<number, { rollup: HourlyRollup; terms: Map<string, number>; dirty: boolean }>>();
  private readonly sourceStates = new Map<string, SourceState>();
  private readonly health = new Map<string, SourceHealth>();
  private readonly kv = new Map<string, unknown>();
  private readonly outbox: OutboxEntry[] = [];
  private readonly outboxIds = new Map<string, OutboxEntry>();
  private readonly records: FeedbackRecord[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  seenItems(itemKeys: readonly string[]): Promise<Set<string>> {
    return Promise.resolve(new Set(itemKeys.filter((k) => this.items.has(k))));
  }

  commit(batch: CycleBatch): Promise<void> {
    const now = this.now();
    for (const raw of batch.mentions) {
      this.items.add(raw.itemKey);
      if (this.mentions.has(raw.key)) continue;
      const fetchedAt = normaliseIso(raw.fetchedAt) ?? now.toISOString();
      const m = structuredClone({ ...raw, fetchedAt, publishedAt: normaliseIso(raw.publishedAt) ?? fetchedAt });
      this.mentions.set(m.key, m);
      this.insertSorted(m);
      this.addToRollup(m);
    }
    for (const k of batch.seenItemKeys) this.items.add(k);
    for (const [id, s] of Object.entries(batch.sourceStates)) this.sourceStates.set(id, structuredClone(s));
    for (const h of batch.sourceHealth) this.health.set(h.sourceId, structuredClone(h));
    for (const [k, v] of Object.entries(batch.kv)) {
      if (v === undefined) this.kv.delete(k);
      else this.kv.set(k, structuredClone(v));
    }
    this.enqueue(batch.outbox);
    return Promise.resolve();
  }

  private insertSorted(m: Mention): void {
    let list = this.byBrand.get(m.brand);
    if (!list) this.byBrand.set(m.brand, (list = []));
    // appends are the common case (replay and live polling move forward in time)
    let i = list.length;
    while (i > 0 && before(m, list[i - 1]!)) i--;
    list.splice(i, 0, m);
  }

  private addToRollup(m: Mention): void {
    const hour = hourKey(m.publishedAt);
    let brandHours = this.hours.get(m.brand);
    if (!brandHours) this.hours.set(m.brand, (brandHours = new Map()));
    const k = Date.parse(hour);
    let g = brandHours.get(k);
    if (!g) {
      g = { rollup: { brand: m.brand, hour, count: 0, positive: 0, neutral: 0, negative: 0, engagement: 0, terms: {} }, terms: new Map(), dirty: false };
      brandHours.set(k, g);
    }
    g.rollup.count++;
    g.rollup[m.sentiment.label]++;
    g.rollup.engagement += (m.reach.score ?? 0) + (m.reach.comments ?? 0);
    for (const t of mentionTerms(m)) g.terms.set(t, (g.terms.get(t) ?? 0) + 1);
    g.dirty = true;
  }

  queryMentions(q: MentionQuery): Promise<Mention[]> {
    const since = normaliseIso(q.since);
    const until = normaliseIso(q.until);
    const lists = q.brand !== undefined ? [this.byBrand.get(q.brand) ?? []] : [...this.byBrand.values()];
    const out: Mention[] = [];
    for (const list of lists) {
      const hi = until === undefined ? list.length : lowerBound(list, until);
      for (let i = hi - 1; i >= 0; i--) {
        const m = list[i]!;
        if (since !== undefined && m.publishedAt < since) break;
        if (q.sentiment !== undefined && m.sentiment.label !== q.sentiment) continue;
        if (q.sourceKind !== undefined && m.sourceKind !== q.sourceKind) continue;
        if (q.sourceId !== undefined && m.sourceId !== q.sourceId) continue;
        out.push(m);
        if (lists.length === 1 && q.limit !== undefined && out.length >= q.limit) break;
      }
    }
    if (lists.length > 1) out.sort((a, b) => (before(a, b) ? 1 : before(b, a) ? -1 : 0));
    // shallow copies: a replay reads thousands of mentions per tick, and callers replace fields rather than edit nested ones
    return Promise.resolve(out.slice(0, q.limit ?? Infinity).map((m) => ({ ...m })));
  }

  getMention(key: string): Promise<Mention | undefined> {
    const m = this.mentions.get(key);
    return Promise.resolve(m && structuredClone(m));
  }

  rollups(brand: string, since: string, until: string): Promise<HourlyRollup[]> {
    const s = normaliseIso(since);
    const u = normaliseIso(until);
    if (!s || !u || s >= u) return Promise.resolve([]);
    const out: HourlyRollup[] = [];
    // hour by hour: bounded by the range, not by the size of the store
    const brandHours = this.hours.get(brand);
    if (!brandHours) return Promise.resolve([]);
    for (let t = Date.parse(hourKey(s)), end = Date.parse(u); t < end; t += 3_600_000) {
      const g = brandHours.get(t);
      if (!g) continue;
      // the top terms are ranked when read, not on every added mention
      if (g.dirty) {
        g.rollup.terms = topTerms(g.terms, TOP_TERMS_PER_HOUR);
        g.dirty = false;
      }
      out.push({ ...g.rollup });
    }
    return Promise.resolve(out);
  }

  sourceState(sourceId: string): Promise<SourceState> {
    return Promise.resolve(structuredClone(this.sourceStates.get(sourceId) ?? {}));
  }

  sourceHealth(): Promise<SourceHealth[]> {
    return Promise.resolve(structuredClone([...this.health.values()]));
  }

  kvGet<T>(key: string): Promise<T | undefined> {
    return Promise.resolve(structuredClone(this.kv.get(key)) as T | undefined);
  }

  kvSet(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.kv.delete(key);
    else this.kv.set(key, structuredClone(value));
    return Promise.resolve();
  }

  kvUpdate<T>(key: string, fn: (current: T | undefined) => T | undefined): Promise<T | undefined> {
    const next = fn(structuredClone(this.kv.get(key)) as T | undefined);
    if (next === undefined) this.kv.delete(key);
    else this.kv.set(key, structuredClone(next));
    return Promise.resolve(structuredClone(next));
  }

  private enqueue(entries: readonly OutboxEntry[]): void {
    const limit = this.now().getTime() - OUTBOX_KEEP_SENT_MS;
    for (let i = this.outbox.length - 1; i >= 0; i--) {
      const e = this.outbox[i]!;
      if (e.status === 'sent' && Date.parse(e.sentAt ?? e.createdAt) < limit) {
        this.outbox.splice(i, 1);
        this.outboxIds.delete(e.id);
      }
    }
    for (const e of entries) {
      if (this.outboxIds.has(e.id)) continue;
      const copy = structuredClone(e);
      this.outbox.push(copy);
      this.outboxIds.set(copy.id, copy);
    }
  }

  outboxDue(now: Date): Promise<OutboxEntry[]> {
    const t = now.getTime();
    const due = this.outbox
      .filter((e) => e.status === 'pending' && Date.parse(e.notBefore) <= t)
      .sort(outboxOrder);
    return Promise.resolve(structuredClone(due));
  }

  outboxEnqueue(entries: OutboxEntry[]): Promise<void> {
    this.enqueue(entries);
    return Promise.resolve();
  }

  outboxGet(id: string): Promise<OutboxEntry | undefined> {
    const e = this.outboxIds.get(id);
    return Promise.resolve(e && structuredClone(e));
  }

  outboxCounts(): Promise<{ pending: number; dead: number }> {
    return Promise.resolve({ pending: this.outbox.filter((e) => e.status === 'pending').length, dead: this.outbox.filter((e) => e.status === 'dead').length });
  }

  outboxMarkSent(id: string, at: string, messageId?: string): Promise<void> {
    const e = this.outboxIds.get(id);
    if (!e) return Promise.reject(new Error(`outbox entry ${id} not found`));
    markSent(e, at, messageId);
    return Promise.resolve();
  }

  outboxMarkFailed(id: string, error: string, notBefore: string, dead: boolean): Promise<void> {
    const e = this.outboxIds.get(id);
    if (!e) return Promise.reject(new Error(`outbox entry ${id} not found`));
    markFailed(e, error, notBefore, dead);
    return Promise.resolve();
  }

  addFeedback(records: FeedbackRecord[]): Promise<void> {
    const ids = new Set(this.records.map(feedbackId));
    for (const r of records) {
      if (ids.has(feedbackId(r))) continue;
      ids.add(feedbackId(r));
      this.records.push(structuredClone(r));
    }
    return Promise.resolve();
  }

  feedback(): Promise<FeedbackRecord[]> {
    return Promise.resolve(structuredClone(this.records));
  }

  applyRetention(cutoff: string): Promise<number> {
    const c = normaliseIso(cutoff);
    if (!c) return Promise.resolve(0);
    let removed = 0;
    for (const [brand, list] of this.byBrand) {
      const n = lowerBound(list, c);
      for (const m of list.slice(0, n)) this.mentions.delete(m.key);
      this.byBrand.set(brand, list.slice(n));
      removed += n;
    }
    const cut = Date.parse(hourKey(c));
    for (const brandHours of this.hours.values()) for (const k of [...brandHours.keys()]) if (k < cut) brandHours.delete(k);
    return Promise.resolve(removed);
  }

  deleteMentionsByAuthor(authors: readonly string[]): Promise<number> {
    const wanted = new Set(authors);
    let removed = 0;
    for (const [brand, list] of this.byBrand) {
      const gone = list.filter((m) => m.author !== undefined && wanted.has(m.author));
      if (gone.length === 0) continue;
      this.byBrand.set(brand, list.filter((m) => m.author === undefined || !wanted.has(m.author)));
      for (const m of gone) {
        this.mentions.delete(m.key);
        this.removeFromRollup(m);
      }
      removed += gone.length;
      const keys = new Set(gone.map((m) => m.key));
      for (let i = this.records.length - 1; i >= 0; i--) if (keys.has(this.records[i]!.mentionKey)) this.records.splice(i, 1);
    }
    return Promise.resolve(removed);
  }

  private removeFromRollup(m: Mention): void {
    const brandHours = this.hours.get(m.brand);
    const k = Date.parse(hourKey(m.publishedAt));
    const g = brandHours?.get(k);
    if (!brandHours || !g) return;
    if (--g.rollup.count <= 0) return void brandHours.delete(k);
    g.rollup[m.sentiment.label]--;
    g.rollup.engagement -= (m.reach.score ?? 0) + (m.reach.comments ?? 0);
    for (const t of mentionTerms(m)) {
      const n = (g.terms.get(t) ?? 0) - 1;
      if (n > 0) g.terms.set(t, n);
      else g.terms.delete(t);
    }
    g.dirty = true;
  }

  outboxSince(since: string): Promise<OutboxEntry[]> {
    const s = normaliseIso(since);
    if (s === undefined) return Promise.resolve([]);
    const t = Date.parse(s);
    return Promise.resolve(structuredClone(this.outbox.filter((e) => Date.parse(e.createdAt) >= t).sort(outboxOrder)));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

function before(a: Mention, b: Mention): boolean {
  return a.publishedAt < b.publishedAt || (a.publishedAt === b.publishedAt && a.key < b.key);
}

/** First index whose publishedAt is >= iso. */
function lowerBound(list: readonly Mention[], iso: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.publishedAt < iso) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
