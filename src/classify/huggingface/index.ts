export { createHfClassifier, type HfClassifierOptions } from './hf-classifier.js';
export { createHfZeroShotTagger, type HfZeroShotOptions } from './zero-shot.js';
export { DEFAULT_LABEL_MAP, buildLabelMap } from './labels.js';
export { DEFAULT_MAX_INPUT_CHARS, truncateForModel } from './truncate.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
export * from './errors.js';
export { createHfPhraser, factsPrompt, type HfPhraserOptions } from './phraser.js';
