/** Typed failures of the Hugging Face adapter, one class per failure mode. */

export class HfError extends Error {
  constructor(
    message: string,
    /** model id or endpoint the request went to */
    readonly model: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The model answered with a label the label map does not know. Not retried: configure `labelMap`. */
export class HfUnknownLabelError extends HfError {
  constructor(
    model: string,
    readonly label: string,
  ) {
    super(`Model ${model} returned label "${label}" that the label map does not cover`, model);
  }
}

/** 503 "model is loading" on every try. */
export class HfModelLoadingError extends HfError {
  constructor(
    model: string,
    readonly attempts: number,
    readonly estimatedTimeSec: number | undefined,
    cause?: unknown,
  ) {
    super(`Model ${model} still loading after ${attempts} tries`, model, { cause });
  }
}

/** 429 on every try. */
export class HfRateLimitedError extends HfError {
  constructor(
    model: string,
    readonly attempts: number,
    cause?: unknown,
  ) {
    super(`Rate limited by Hugging Face for ${model} after ${attempts} tries`, model, { cause });
  }
}

/** Any other HTTP error status (4xx are not retried; 5xx are, up to the limit). */
export class HfHttpError extends HfError {
  constructor(
    model: string,
    readonly status: number,
    readonly attempts: number,
    detail: string,
    cause?: unknown,
  ) {
    super(`Hugging Face request for ${model} failed with HTTP ${status}: ${detail}`, model, { cause });
  }
}

/** The request never got an HTTP answer (connection refused, reset, timeout). */
export class HfNetworkError extends HfError {
  constructor(
    model: string,
    readonly attempts: number,
    cause?: unknown,
  ) {
    super(`Hugging Face request for ${model} failed without an HTTP answer after ${attempts} tries`, model, { cause });
  }
}

/** A 200 answer whose body is not the shape the task defines. */
export class HfBadResponseError extends HfError {
  constructor(model: string, detail: string, cause?: unknown) {
    super(`Malformed answer from ${model}: ${detail}`, model, { cause });
  }
}
