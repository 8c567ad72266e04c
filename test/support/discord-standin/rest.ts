import type { IncomingMessage } from 'node:http';

export interface RecordedRequest {
  method: string;
  /** decoded path below /api/v10, e.g. /channels/1/messages or /webhooks/app/token/messages/@original */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** JSON body, or payload_json of a multipart body */
  body: unknown;
  files: { name: string; type: string; data: Buffer }[];
  status?: number;
  /** the stand-in's answer body (e.g. Discord's error JSON) */
  answer?: unknown;
  at: number;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Parses a JSON or multipart/form-data body the way Discord does (payload_json + files[n]). */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<Pick<RecordedRequest, 'body' | 'files'>> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    const files: RecordedRequest['files'] = [];
    let body: unknown;
    for (const [key, value] of form.entries()) {
      if (key === 'payload_json' && typeof value === 'string') body = JSON.parse(value);
      else if (typeof value !== 'string') files.push({ name: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) });
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
}

/** A scripted failure for message posts: status, Discord error JSON, and for 429 how long to wait. */
export interface ScriptedFailure {
  status: number;
  retryAfterSeconds?: number;
  /** 429 with X-RateLimit-Global */
  global?: boolean;
  /** store the message first, then answer with the failure (a reply lost after Discord processed the post) */
  afterStore?: boolean;
}

export function errorBody(status: number, retryAfterSeconds?: number, global = false): Record<string, unknown> {
  switch (status) {
    case 403:
      return { message: 'Missing Access', code: 50001 };
    case 404:
      return { message: 'Unknown Channel', code: 10003 };
    case 429:
      return { message: 'You are being rate limited.', retry_after: retryAfterSeconds ?? 1, global };
    case 400:
      return { message: 'Invalid Form Body', code: 50035, errors: {} };
    default:
      return { message: `${status}: Internal Server Error`, code: 0 };
  }
}
