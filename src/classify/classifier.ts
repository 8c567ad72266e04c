import type { Sentiment } from '../domain/types.js';

/** Batch in, one Sentiment per input (same order) out. Implementations: local/, huggingface/. */
export interface Classifier {
  readonly name: string;
  classify(texts: readonly string[]): Promise<Sentiment[]>;
}
