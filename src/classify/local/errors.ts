/** The model file does not exist or cannot be read. */
export class ModelFileNotFoundError extends Error {
  override readonly name = 'ModelFileNotFoundError';
  constructor(
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(`sentiment model file not readable: ${path}`, options);
  }
}

/** The model file exists but is not a valid model (bad magic, truncated, bad header). */
export class ModelFormatError extends Error {
  override readonly name = 'ModelFormatError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(`invalid sentiment model: ${message}`, options);
  }
}
