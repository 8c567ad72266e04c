import type { FileContext, DurableJsonFile } from './durable-file.js';
import type { FeedbackDoc, OutboxDoc, StateDoc } from './docs.js';
import type { MentionPartitions } from './partitions.js';
import type { StorePaths } from './paths.js';
import type { RollupFiles } from './rollup-files.js';
import type { SeenIndex } from './seen-index.js';

/** Everything an open store holds. */
export interface Engine {
  paths: StorePaths;
  ctx: FileContext;
  partitions: MentionPartitions;
  seen: SeenIndex;
  rollups: RollupFiles;
  state: DurableJsonFile<StateDoc>;
  outbox: DurableJsonFile<OutboxDoc>;
  feedback: DurableJsonFile<FeedbackDoc>;
}
