import { z } from 'zod';
import type { Mention } from '../../domain/types.js';
import type { FeedbackRecord, OutboxEntry, SourceHealth } from '../store.js';
import { PgRowInvalidError } from './errors.js';

/**
 * What comes back from the database is checked before the bot uses it: a row written by another version, by hand or
 * by a broken migration fails here with its table and id, not later as a TypeError deep in analysis. Permissive
 * (unknown fields pass through): only the fields the bot relies on are checked.
 */
const label = z.enum(['negative', 'neutral', 'positive']);
const iso = z.string().min(1);

const mentionSchema = z.looseObject({
  key: z.string(),
  itemKey: z.string(),
  brand: z.string(),
  sourceId: z.string(),
  sourceKind: z.enum(['rss', 'reddit']),
  title: z.string(),
  text: z.string(),
  publishedAt: iso,
  fetchedAt: iso,
  reach: z.looseObject({ score: z.number().optional(), comments: z.number().optional(), followers: z.number().optional() }),
  sentiment: z.looseObject({ label, confidence: z.number(), scores: z.record(z.string(), z.number()), classifier: z.string() }),
  topics: z.array(z.string()),
  backfill: z.boolean(),
  terms: z.array(z.string()).optional(),
});

const outboxSchema = z.looseObject({
  id: z.string(),
  payload: z.looseObject({ kind: z.enum(['alert', 'digest', 'notice', 'update']) }),
  status: z.enum(['pending', 'sent', 'dead']),
  attempts: z.number().int().min(0),
  createdAt: iso,
  seq: z.number().optional(),
  notBefore: iso,
  sentAt: z.string().optional(),
  lastError: z.string().optional(),
  messageId: z.string().optional(),
});

const feedbackSchema = z.object({
  mentionKey: z.string(),
  text: z.string(),
  label,
  predicted: label,
  classifier: z.string(),
  confidence: z.number().min(0).max(1).optional(),
  by: z.string(),
  at: z.string(),
});

const healthSchema = z.looseObject({
  sourceId: z.string(),
  consecutiveFailures: z.number().int().min(0),
  disabled: z.boolean(),
  itemsSeen: z.number().min(0),
});

function check<T>(schema: z.ZodType, table: string, id: string, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new PgRowInvalidError(table, id, r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  // the parsed copy keeps unknown fields (loose objects): it is the stored document, checked
  return r.data as T;
}

export const readMention = (key: string, doc: unknown): Mention => check<Mention>(mentionSchema, 'mentions', key, doc);
export const readOutbox = (id: string, doc: unknown): OutboxEntry => check<OutboxEntry>(outboxSchema, 'outbox', id, doc);
export const readFeedback = (n: string, doc: unknown): FeedbackRecord => check<FeedbackRecord>(feedbackSchema, 'feedback', n, doc);
export const readHealth = (id: string, doc: unknown): SourceHealth => check<SourceHealth>(healthSchema, 'source_health', id, doc);
export const readState = (id: string, doc: unknown): Record<string, unknown> => check<Record<string, unknown>>(z.record(z.string(), z.unknown()), 'source_states', id, doc);
