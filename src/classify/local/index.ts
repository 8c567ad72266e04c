export { loadLocalClassifier, classifierFromBytes, LocalClassifier, DEFAULT_MODEL_PATH } from './local-classifier.js';
export { ModelFileNotFoundError, ModelFormatError } from './errors.js';
