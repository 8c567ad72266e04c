/**
 * Local stand-in for Hugging Face inference (serverless API / Inference Endpoint protocol) on 127.0.0.1.
 * Answers the real @huggingface/inference client: text classification `{inputs}` -> `[[{label, score}]]`
 * (or a flat list, as dedicated endpoints do), zero-shot `{inputs, parameters: {candidate_labels}}`, and scripted
 * failures (503 + estimated_time, 429, 500, storms), or hangs (hold). Chat completions (`…/v1/chat/completions`, the
 * OpenAI shape TGI and Inference Providers answer) reply with `chat(body)`: by default a faithful one-sentence phrasing
 * of the themes in the user message. Records every request, and counts the ones the client gave up on (connection
 * closed before an answer).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LabelScheme = 'named' | 'label-n' | 'stars';
export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: { inputs?: unknown; parameters?: Record<string, unknown>; messages?: { role: string; content: string }[]; max_tokens?: number; model?: string };
}
export interface ScriptedResponse {
  status: number;
  body: unknown;
}
export interface HfStandinOptions {
  labels?: LabelScheme;
  /** 'nested' = serverless shape [[...]]; 'flat' = dedicated endpoint / TEI shape [...] */
  format?: 'nested' | 'flat';
  zeroShotShape?: 'list' | 'object';
  /** artificial latency per request */
  delayMs?: number;
  /** words that make a text negative (default: bad, terrible, hate, awful and a few non-English ones) */
  negativeWords?: RegExp;
  /** the text a chat completion answers (default: faithfulPhrasing of the user message), or a scripted HTTP failure */
  chat?: (body: RecordedRequest['body']) => string | ScriptedResponse;
}

/** What a well-behaved model writes from the bot's facts prompt: the themes and their counts, nothing else. */
export function faithfulPhrasing(body: RecordedRequest['body']): string {
  const user = body.messages?.find((m) => m.role === 'user')?.content ?? '';
  const themes = [...user.matchAll(/^- "([^"]+)": (\d+) of them/gm)].map((m) => `"${m[1]}" (${m[2]} of them)`);
  const counted = /Counted: (\d+) (.+)$/m.exec(user);
  return themes.length
    ? `Most of the ${counted?.[1] ?? ''} ${counted?.[2] ?? 'mentions'} are about ${themes.join(' and ')}.`
    : `The ${counted?.[1] ?? ''} ${counted?.[2] ?? 'mentions'} share no common theme yet, and nothing stands out.`;
}
export interface HfStandin {
  url: string;
  requests: RecordedRequest[];
  /** answers for the next requests, in order, before normal service resumes */
  script(...responses: ScriptedResponse[]): void;
  /** every request fails this way until cleared with storm(undefined) */
  storm(response: ScriptedResponse | undefined): void;
  options: HfStandinOptions;
  /** while on, arriving requests are never answered (a hung endpoint); the client aborting one counts in `abandoned` */
  hold(on: boolean): void;
  /** highest number of requests in flight at once */
  maxInFlight: number;
  /** requests whose connection the client closed before they were answered */
  abandoned: number;
  close(): Promise<void>;
}

export const loading = (estimatedTime = 20): ScriptedResponse => ({ status: 503, body: { error: 'Model x is currently loading', estimated_time: estimatedTime } });
export const rateLimited = (): ScriptedResponse => ({ status: 429, body: { error: 'Rate limit reached. You reached free usage limit (reset hourly).' } });
export const serverError = (): ScriptedResponse => ({ status: 500, body: { error: 'Internal Server Error' } });
export const badRequest = (): ScriptedResponse => ({ status: 400, body: { error: 'Input validation error: inputs cannot be empty' } });

const NEG = /\b(bad|terrible|hate|awful|nul|malo|mauvais)\b/i;
const POS = /\b(good|great|love|excellent|bueno|excellente?)\b/i;

/** Deterministic sentiment from words in the text: probabilities for negative, neutral, positive. */
function probabilities(text: string, neg = NEG): [number, number, number] {
  if (neg.test(text)) return [0.9, 0.07, 0.03];
  if (POS.test(text)) return [0.02, 0.08, 0.9];
  return [0.1, 0.8, 0.1];
}

function labelled(text: string, scheme: LabelScheme, neg?: RegExp): { label: string; score: number }[] {
  const [n, u, p] = probabilities(text, neg);
  if (scheme === 'named') return [{ label: 'negative', score: n }, { label: 'neutral', score: u }, { label: 'positive', score: p }];
  if (scheme === 'label-n') return [{ label: 'LABEL_0', score: n }, { label: 'LABEL_1', score: u }, { label: 'LABEL_2', score: p }];
  return [
    { label: '1 star', score: n * 0.6 },
    { label: '2 stars', score: n * 0.4 },
    { label: '3 stars', score: u },
    { label: '4 stars', score: p * 0.5 },
    { label: '5 stars', score: p * 0.5 },
  ];
}

function zeroShot(text: string, labels: string[], shape: 'list' | 'object'): unknown {
  const scored = labels.map((label) => ({ label, score: text.toLowerCase().includes(label.toLowerCase()) ? 0.93 : 0.04 }));
  scored.sort((a, b) => b.score - a.score);
  if (shape === 'list') return scored;
  return { sequence: text, labels: scored.map((s) => s.label), scores: scored.map((s) => s.score) };
}

export async function startHfStandin(options: HfStandinOptions = {}): Promise<HfStandin> {
  const requests: RecordedRequest[] = [];
  const queue: ScriptedResponse[] = [];
  let stormResponse: ScriptedResponse | undefined;
  let inFlight = 0;
  let holding = false;
  const state = { maxInFlight: 0, abandoned: 0 };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as RecordedRequest['body'];
      requests.push({ path: req.url ?? '/', headers: req.headers, body });
      let settled = false;
      res.on('close', () => {
        if (settled) return;
        settled = true;
        inFlight -= 1;
        state.abandoned += 1;
      });
      if (holding) return;
      const reply = (status: number, payload: unknown): void => {
        const send = (): void => {
          if (settled) return;
          settled = true;
          inFlight -= 1;
          if (res.destroyed) return;
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(payload));
        };
        if (options.delayMs) setTimeout(send, options.delayMs);
        else send();
      };
      const scripted = queue.shift() ?? stormResponse;
      if (scripted) return reply(scripted.status, scripted.body);
      if ((req.url ?? '').endsWith('/chat/completions')) {
        const answer = (options.chat ?? faithfulPhrasing)(body);
        if (typeof answer !== 'string') return reply(answer.status, answer.body);
        const usage = { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 };
        return reply(200, { id: `chat-${requests.length}`, object: 'chat.completion', created: 1_764_000_000, model: body.model ?? 'tgi', choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }], usage });
      }
      const labels = body.parameters?.candidate_labels;
      const inputs = Array.isArray(body.inputs) ? (body.inputs as string[]) : [String(body.inputs ?? '')];
      if (Array.isArray(labels)) return reply(200, zeroShot(inputs[0] ?? '', labels as string[], options.zeroShotShape ?? 'object'));
      const out = inputs.map((t) => labelled(t, options.labels ?? 'named', options.negativeWords));
      return reply(200, options.format === 'flat' && out.length === 1 ? out[0] : out);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    options,
    get maxInFlight() {
      return state.maxInFlight;
    },
    get abandoned() {
      return state.abandoned;
    },
    hold: (on) => void (holding = on),
    script: (...r) => void queue.push(...r),
    storm: (r) => void (stormResponse = r),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
