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

/** models/sentiment-en.bin at the repository root. */
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../../models/sentiment-en.bin', import.meta.url));

export class LocalClassifier implements Classifier {
  private readonly buf = new FeatureBuffer();
  private readonly probs = new Float64Array(3);

  constructor(
    readonly model: LinearModel,
    readonly name: string,
  ) {}

  classifySync(texts: readonly string[]): Sentiment[] {
    return texts.map((t) => this.classifyOne(t));
  }

  classify(texts: readonly string[]): Promise<Sentiment[]> {
    return Promise.resolve(this.classifySync(texts));
  }

  private classifyOne(text: string): Sentiment {
    const p = this.probs;
    predictInto(this.model, text, this.buf, p);
    let best = 0;
    for (let k = 1; k < 3; k++) if (p[k]! > p[best]!) best = k;
    const scores = { negative: p[0]!, neutral: p[1]!, positive: p[2]! };
    return { label: SENTIMENT_LABELS[best]!, confidence: p[best]!, scores, classifier: this.name, language: 'en' };
  }
}

/** Build a classifier from model file bytes (already read). */
export function classifierFromBytes(file: Buffer): LocalClassifier {
  const model = decodeModel(file);
  return new LocalClassifier(model, `local:sentiment-en@${model.meta.version}-${modelFingerprint(file)}`);
}

export async function loadLocalClassifier(opts: { modelPath?: string } = {}): Promise<LocalClassifier> {
  const path = opts.modelPath ?? DEFAULT_MODEL_PATH;
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch (err) {
    throw new ModelFileNotFoundError(path, { cause: err });
  }
  return classifierFromBytes(file);
}
