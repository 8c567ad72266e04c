import { mkdir, readdir } from 'node:fs/promises';
import { type FileContext, DurableJsonFile, removeDurable } from './durable-file.js';
import { type SeenDoc, seenDoc } from './docs.js';
import { type StorePaths, DAY_FILE, seenPartitionPath } from './paths.js';

/**
 * The seen index, partitioned by day (seen/<day>.json) and held in memory: item keys already processed,
 * and the key -> day map of every stored mention (for dedup across restarts and getMention).
 * The in-memory Set/Map share their strings with the loaded documents, so the copy costs only pointers.
 */
export class SeenIndex {
  private readonly items = new Set<string>();
  private readonly keyDay = new Map<string, string>();
  private readonly files = new Map<string, DurableJsonFile<SeenDoc>>();
  private readonly dirty = new Set<string>();

  private constructor(
    private readonly paths: StorePaths,
    private readonly ctx: FileContext,
  ) {}

  /** Loads every seen/<day>.json; returns the index and the days whose file had to be recovered. */
  static async load(paths: StorePaths, ctx: FileContext): Promise<{ index: SeenIndex; recovered: string[] }> {
    await mkdir(paths.seenDir, { recursive: true });
    const index = new SeenIndex(paths, ctx);
    const recovered: string[] = [];
    for (const name of (await readdir(paths.seenDir)).sort()) {
      const day = DAY_FILE.exec(name)?.[1];
      if (!day) continue;
      const file = await index.ensure(day);
      if (file.outcome === 'restored' || file.outcome === 'reset') recovered.push(day);
    }
    return { index, recovered };
  }

  private async ensure(day: string): Promise<DurableJsonFile<SeenDoc>> {
    let file = this.files.get(day);
    if (file) return file;
    file = await DurableJsonFile.load(seenPartitionPath(this.paths, day), seenDoc.empty, seenDoc.valid, this.ctx);
    this.files.set(day, file);
    for (const k of file.data.items) this.items.add(k);
    for (const k of file.data.mentions) this.keyDay.set(k, day);
    return file;
  }

  days(): string[] {
    return [...this.files.keys()].sort();
  }

  hasItem(itemKey: string): boolean {
    return this.items.has(itemKey);
  }

  dayOfMention(key: string): string | undefined {
    return this.keyDay.get(key);
  }

  mentionCount(day: string): number {
    return this.files.get(day)?.data.mentions.length ?? 0;
  }

  get size(): { items: number; mentions: number } {
    return { items: this.items.size, mentions: this.keyDay.size };
  }

  async addItem(day: string, itemKey: string): Promise<void> {
    if (this.items.has(itemKey)) return;
    (await this.ensure(day)).data.items.push(itemKey);
    this.items.add(itemKey);
    this.dirty.add(day);
  }

  async addMention(day: string, key: string): Promise<void> {
    if (this.keyDay.has(key)) return;
    (await this.ensure(day)).data.mentions.push(key);
    this.keyDay.set(key, day);
    this.dirty.add(day);
  }

  /** Make a day's mention keys equal to what its partition really holds (after a partition was recovered). */
  async reconcileDay(day: string, keys: readonly string[]): Promise<void> {
    const file = await this.ensure(day);
    for (const k of file.data.mentions) if (this.keyDay.get(k) === day) this.keyDay.delete(k);
    const kept = keys.filter((k) => !this.keyDay.has(k));
    for (const k of kept) this.keyDay.set(k, day);
    file.data.mentions = kept;
    this.dirty.add(day);
  }

  /** Forget stored mention keys of a day (erased); their item keys stay seen. */
  async removeMentions(day: string, keys: readonly string[]): Promise<void> {
    const gone = new Set(keys);
    const file = await this.ensure(day);
    file.data.mentions = file.data.mentions.filter((k) => !gone.has(k));
    for (const k of gone) if (this.keyDay.get(k) === day) this.keyDay.delete(k);
    this.dirty.add(day);
  }

  /** Durably write every day file changed since the last flush. */
  async flush(): Promise<void> {
    for (const day of [...this.dirty].sort()) {
      await this.files.get(day)?.write();
      this.dirty.delete(day);
    }
  }

  async dropDay(day: string): Promise<void> {
    const file = this.files.get(day);
    if (file) {
      for (const k of file.data.items) this.items.delete(k);
      for (const k of file.data.mentions) if (this.keyDay.get(k) === day) this.keyDay.delete(k);
    }
    this.files.delete(day);
    this.dirty.delete(day);
    await removeDurable(seenPartitionPath(this.paths, day));
  }
}
