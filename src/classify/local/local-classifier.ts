/**
 * The offline English sentiment classifier (default when no Hugging Face
 * token is set, and the fallback when inference is down).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Classifier } from '../classifier.js';
import { SENTIMENT_LABELS, type Sentiment } from '../../domain/types.js';
import { ModelFileNotFoundError } from './errors.js';
import { FeatureBuffer } from './features.js';
import { predictInto, type LinearModel } from './model.js';
import { decodeModel, modelFingerprint } from './model-file.js';
import { aggregateChunks, textChunks, WHOLE_TEXT_MAX } from './long-text.js';

/** models/sentiment-en.bin at the repository root. */
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../../models/sentiment-en.bin', import.meta.url));

const CHUNK = 1000;

/**
 * The shipped model's decision rule (chosen on the brand tuning split, docs/SENTIMENT-MODEL.md): negative wins when its
 * probability is within 0.1 of the top class's. The config default (`classifier.offline.negativeBias`) is the same.
 */
export const DEFAULT_NEGATIVE_BIAS = 0.1;

/** English only: language detection and routing of other languages is the caller's job. */
export class LocalClassifier implements Classifier {
  private readonly buf = new FeatureBuffer();
  private readonly probs = new Float64Array(3);

  /** a model in the process: nothing to fail over from */
  state(): 'offline' {
    return 'offline';
  }

  constructor(
    readonly model: LinearModel,
    readonly name: string,
    /** 'chunks' (default): texts longer than a tweet are scored in tweet-sized chunks (long-text.ts); 'whole': as one */
    readonly longText: 'chunks' | 'whole' = 'chunks',
    /** negative wins when its probability is within this much of the top class's (0: argmax) */
    readonly negativeBias = 0,
  ) {}

  classifySync(texts: readonly string[]): Sentiment[] {
    return texts.map((t) => this.classifyOne(t));
  }

  /** Large batches are classified in chunks, yielding to the event loop in between. */
  async classify(texts: readonly string[]): Promise<Sentiment[]> {
    if (texts.length <= CHUNK) return this.classifySync(texts);
    const out: Sentiment[] = [];
    for (let i = 0; i < texts.length; i += CHUNK) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      for (const s of this.classifySync(texts.slice(i, i + CHUNK))) out.push(s);
    }
    return out;
  }

  private classifyOne(text: string): Sentiment {
    const p = this.probs;
    const chunks = this.longText === 'chunks' && text.length > WHOLE_TEXT_MAX ? textChunks(text) : [];
    if (chunks.length > 1) {
      aggregateChunks(
        chunks.map((chunk) => {
          predictInto(this.model, chunk, this.buf, p);
          return [p[0]!, p[1]!, p[2]!];
        }),
        p,
      );
    } else predictInto(this.model, text, this.buf, p);
    let best = 0;
    for (let k = 1; k < 3; k++) if (p[k]! > p[best]!) best = k;
    if (best !== 0 && this.negativeBias > 0 && p[0]! + this.negativeBias >= p[best]!) best = 0;
    const scores = { negative: p[0]!, neutral: p[1]!, positive: p[2]! };
    return { label: SENTIMENT_LABELS[best]!, confidence: p[best]!, scores, classifier: this.name };
  }
}

/** Build a classifier from model file bytes (already read). */
export function classifierFromBytes(file: Buffer, longText: 'chunks' | 'whole' = 'chunks', negativeBias = 0): LocalClassifier {
  const model = decodeModel(file);
  return new LocalClassifier(model, `local:sentiment-en@${model.meta.version}-${modelFingerprint(file)}`, longText, negativeBias);
}

export async function loadLocalClassifier(opts: { modelPath?: string; negativeBias?: number } = {}): Promise<LocalClassifier> {
  const path = opts.modelPath ?? DEFAULT_MODEL_PATH;
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch (err) {
    throw new ModelFileNotFoundError(path, { cause: err });
  }
  return classifierFromBytes(file, 'chunks', opts.negativeBias ?? DEFAULT_NEGATIVE_BIAS);
}
