import { labelScoresSchema } from './schema.js';

/**
 * The v4 client only accepts text-classification answers shaped `[[{label, score}]]` (what the serverless
 * hf-inference API sends). Dedicated Inference Endpoints (default toolkit container) and TEI's `/predict` answer
 * a single input with a flat `[{label, score}]`, which the client rejects. This fetch wraps a flat answer in one
 * more array so both kinds of server work; every other response passes through untouched.
 */
export function normalizingFetch(base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const res = await base(input, init);
    if (!res.ok || !res.headers.get('content-type')?.startsWith('application/json')) return res;
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
    }
    const flat = labelScoresSchema.safeParse(body);
    const out = flat.success && flat.data.length > 0 ? JSON.stringify([body]) : text;
    const headers = new Headers(res.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(out, { status: res.status, statusText: res.statusText, headers });
  };
}
