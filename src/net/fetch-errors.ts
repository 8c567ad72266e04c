/** Typed failures of fetchUrl, one class per failure mode. Every one carries the URL it concerns. */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The total deadline passed before the body was complete; the connection was destroyed. */
export class FetchTimeoutError extends FetchError {
  constructor(
    url: string,
    readonly timeoutMs: number,
  ) {
    super(`Fetching ${url} took longer than ${timeoutMs} ms`, url);
  }
}

/** The server answered with a status that is neither 2xx, 304 nor a followable redirect. */
export class FetchStatusError extends FetchError {
  constructor(
    url: string,
    readonly status: number,
  ) {
    super(`${url} answered HTTP ${status}`, url);
  }
}

/** The body (declared or actually received, after decompression) exceeded maxBytes. */
export class FetchTooLargeError extends FetchError {
  constructor(
    url: string,
    readonly maxBytes: number,
  ) {
    super(`Body of ${url} exceeds ${maxBytes} bytes`, url);
  }
}

export class TooManyRedirectsError extends FetchError {
  constructor(
    url: string,
    readonly maxRedirects: number,
  ) {
    super(`More than ${maxRedirects} redirects starting at ${url}`, url);
  }
}

/** publicOnly refused the address a host resolved to (loopback, private, link-local, metadata...). */
export class ForbiddenAddressError extends FetchError {
  constructor(
    url: string,
    readonly address: string,
  ) {
    super(`${url} resolves to a non-public address (${address})`, url);
  }
}

/** Connection-level failure: DNS, refused, reset, TLS, malformed response, bad compression. */
export class FetchNetworkError extends FetchError {}

/** Scheme not supported (only http:, https: and, unless publicOnly, file:) or the URL does not parse. */
export class UnsupportedUrlError extends FetchError {}

/** The caller's AbortSignal fired; the connection was destroyed. */
export class FetchAbortedError extends FetchError {
  constructor(url: string, cause?: unknown) {
    super(`Fetching ${url} was aborted`, url, { cause });
  }
}
