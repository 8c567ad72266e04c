import type { Sentiment } from '../domain/types.js';

export interface ClassifyOptions {
  /**
   * Aborted when the caller gives up on the batch (e.g. a failover wrapper that timed out and answered offline):
   * a remote classifier then stops its requests and pending retries and rejects. Local classifiers may ignore it.
   */
  signal?: AbortSignal;
}

/** Batch in, one Sentiment per input (same order) out. Implementations: local/, huggingface/. */
export interface Classifier {
  readonly name: string;
  classify(texts: readonly string[], options?: ClassifyOptions): Promise<Sentiment[]>;
  /**
   * For /status and /healthz: `offline` for a local model; a remote one's circuit (`closed` answers, `open` failed
   * over to the offline model, `half-open` trying again).
   */
  state(): ClassifierState;
}

export type ClassifierState = 'offline' | 'closed' | 'open' | 'half-open';

/**
 * A batch in which the classifier answered some texts and refused others for good (e.g. an input the model rejects):
 * the answered ones are kept, the refused ones (undefined) are for a fallback to answer. Not an outage.
 */
export class PartialClassificationError extends Error {
  constructor(
    readonly classifier: string,
    readonly results: readonly (Sentiment | undefined)[],
    readonly reason: string,
  ) {
    super(`${classifier} refused ${results.filter((r) => r === undefined).length} of ${results.length} texts: ${reason}`);
    this.name = 'PartialClassificationError';
  }
}
