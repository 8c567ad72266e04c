import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FetchNetworkError, FetchTooLargeError } from './fetch-errors.js';
import { readCapped } from './read-capped.js';

/** Reads a file: URL with the same size cap as HTTP bodies. Aborting the signal closes the file. */
export async function readFileUrl(url: URL, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const href = url.href;
  let path: string;
  try {
    path = fileURLToPath(url);
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    if (info.size > maxBytes) throw new FetchTooLargeError(href, maxBytes);
  } catch (err) {
    if (err instanceof FetchTooLargeError) throw err;
    throw new FetchNetworkError(`Cannot read ${href}: ${(err as Error).message}`, href, { cause: err });
  }
  return readCapped(createReadStream(path, { signal }), maxBytes, href);
}
