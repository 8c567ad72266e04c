export { loadLocalClassifier, classifierFromBytes, LocalClassifier, DEFAULT_MODEL_PATH, DEFAULT_NEGATIVE_BIAS } from './local-classifier.js';
export { ModelFileNotFoundError, ModelFormatError } from './errors.js';
