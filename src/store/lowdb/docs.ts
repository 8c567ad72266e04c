import type { HourlyRollup, Mention } from '../../domain/types.js';
import type { SourceState } from '../../sources/source.js';
import type { FeedbackRecord, OutboxEntry, SourceHealth } from '../store.js';

/** Shapes of the files in a store directory (see docs/STORAGE.md). */
export interface PartitionDoc {
  mentions: Mention[];
}
export interface SeenDoc {
  /** item keys first seen (committed) on this UTC day */
  items: string[];
  /** keys of the mentions stored in mentions/<day>.json (publishedAt day) */
  mentions: string[];
}
export interface RollupDoc {
  brand: string;
  month: string;
  /** hour start ISO -> rollup */
  hours: Record<string, HourlyRollup>;
}
export interface StateDoc {
  sourceStates: Record<string, SourceState>;
  sourceHealth: Record<string, SourceHealth>;
  kv: Record<string, unknown>;
}
export interface OutboxDoc {
  entries: OutboxEntry[];
}
export interface FeedbackDoc {
  records: FeedbackRecord[];
}
export interface MetaDoc {
  schemaVersion: number;
  createdAt: string;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStrArr = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

export const partitionDoc = {
  empty: (): PartitionDoc => ({ mentions: [] }),
  valid: (x: unknown): boolean =>
    isObj(x) && Array.isArray(x.mentions) && x.mentions.every((m) => isObj(m) && typeof m.key === 'string' && typeof m.publishedAt === 'string'),
};
export const seenDoc = {
  empty: (): SeenDoc => ({ items: [], mentions: [] }),
  valid: (x: unknown): boolean => isObj(x) && isStrArr(x.items) && isStrArr(x.mentions),
};
export const rollupDoc = {
  empty: (brand: string, month: string) => (): RollupDoc => ({ brand, month, hours: {} }),
  valid: (x: unknown): boolean => isObj(x) && typeof x.brand === 'string' && isObj(x.hours),
};
export const stateDoc = {
  empty: (): StateDoc => ({ sourceStates: {}, sourceHealth: {}, kv: {} }),
  valid: (x: unknown): boolean => isObj(x) && isObj(x.sourceStates) && isObj(x.sourceHealth) && isObj(x.kv),
};
export const outboxDoc = {
  empty: (): OutboxDoc => ({ entries: [] }),
  valid: (x: unknown): boolean => isObj(x) && Array.isArray(x.entries) && x.entries.every((e) => isObj(e) && typeof e.id === 'string'),
};
export const feedbackDoc = {
  empty: (): FeedbackDoc => ({ records: [] }),
  valid: (x: unknown): boolean => isObj(x) && Array.isArray(x.records),
};
export const metaDoc = {
  valid: (x: unknown): boolean => isObj(x) && typeof x.schemaVersion === 'number',
};
