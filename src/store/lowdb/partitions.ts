import { mkdir, readdir } from 'node:fs/promises';
import type { Mention } from '../../domain/types.js';
import { type FileContext, DurableJsonFile, removeDurable } from './durable-file.js';
import { type PartitionDoc, partitionDoc } from './docs.js';
import { type StorePaths, DAY_FILE, mentionPartitionPath } from './paths.js';

export interface Partition {
  day: string;
  file: DurableJsonFile<PartitionDoc>;
  byKey: Map<string, Mention>;
}

/** Called when a partition had to be restored from .bak or reset, so indexes and rollups can follow it. */
export type OnRecovered = (p: Partition) => Promise<void>;

/** Mention partitions (mentions/<day>.json), loaded on demand and kept in a small LRU cache. */
export class MentionPartitions {
  private readonly cache = new Map<string, Partition>();
  private readonly known = new Set<string>();
  onRecovered: OnRecovered = async () => {};

  private constructor(
    private readonly paths: StorePaths,
    private readonly ctx: FileContext,
    private readonly maxCached: number,
  ) {}

  static async open(paths: StorePaths, ctx: FileContext, maxCached: number): Promise<MentionPartitions> {
    await mkdir(paths.mentionsDir, { recursive: true });
    const parts = new MentionPartitions(paths, ctx, Math.max(1, maxCached));
    for (const name of await readdir(paths.mentionsDir)) {
      const day = DAY_FILE.exec(name)?.[1];
      if (day) parts.known.add(day);
    }
    return parts;
  }

  /** Days that have (or had) a partition, newest first. */
  daysDesc(): string[] {
    return [...this.known].sort().reverse();
  }

  async get(day: string): Promise<Partition> {
    const hit = this.cache.get(day);
    if (hit) {
      this.cache.delete(day);
      this.cache.set(day, hit);
      return hit;
    }
    const file = await DurableJsonFile.load(mentionPartitionPath(this.paths, day), partitionDoc.empty, partitionDoc.valid, this.ctx);
    const p: Partition = { day, file, byKey: new Map(file.data.mentions.map((m) => [m.key, m])) };
    this.cache.set(day, p);
    this.known.add(day);
    while (this.cache.size > this.maxCached) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    if (file.outcome === 'restored' || file.outcome === 'reset') await this.onRecovered(p);
    return p;
  }

  async drop(day: string): Promise<void> {
    this.cache.delete(day);
    this.known.delete(day);
    await removeDurable(mentionPartitionPath(this.paths, day));
  }

  get cachedDays(): number {
    return this.cache.size;
  }
}
