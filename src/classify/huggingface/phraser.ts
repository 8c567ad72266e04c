import { InferenceClient } from '@huggingface/inference';
import { z } from 'zod';
import type { SummaryFacts } from '../../domain/types.js';
import type { Phraser } from '../phraser.js';
import { HfBadResponseError } from './errors.js';
import { normalizingFetch } from './normalizing-fetch.js';
import { DEFAULT_RETRY_POLICY, withHfRetry } from './retry.js';

export interface HfPhraserOptions {
  token: string;
  /** a chat (instruction-tuned) model, e.g. "HuggingFaceTB/SmolLM3-3B" */
  model: string;
  /** an OpenAI-compatible server (TGI, vLLM, an Inference Endpoint): POST <endpointUrl>/v1/chat/completions */
  endpointUrl?: string;
  /** answer bound, in tokens */
  maxTokens: number;
  fetch?: typeof fetch;
}

/** What an OpenAI-style chat completion answers; only the first choice's text is read. */
const chatAnswerSchema = z.object({ choices: z.array(z.object({ message: z.object({ content: z.string().nullable().optional() }) })).min(1) });

const SYSTEM = [
  'You write one or two short plain sentences for a brand team about what people are saying about their brand.',
  'Use only the facts you are given. Copy every number exactly as given; write no other number.',
  'Put each theme in double quotes exactly as given. Do not quote anything else, write no links, no @, no markup.',
  'Do not add causes, advice or opinions.',
].join(' ');

/** The facts as the model reads them: bounded (three themes, short terms), the quote left out (the bot appends it). */
export function factsPrompt(f: SummaryFacts): string {
  const themes = f.themes.slice(0, 3).map((t) => {
    const change = t.was !== undefined ? ` (earlier ${t.was})` : t.isNew ? ' (new since the last update)' : '';
    return `- "${t.term.slice(0, 60)}": ${t.count} of them${change}`;
  });
  return [`Brand: ${f.brand.slice(0, 80)}`, `Counted: ${f.pool} ${f.noun}`, themes.length ? `Themes:\n${themes.join('\n')}` : 'Themes: none in common yet'].join('\n');
}

/**
 * Summaries phrased by a chat model through @huggingface/inference's chatCompletion: one request, no retry wait (a
 * summary is not worth waiting for: on failure the caller posts its extractive text), bounded input and output.
 */
export function createHfPhraser(opts: HfPhraserOptions): Phraser {
  const client = new InferenceClient(opts.token, opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {});
  const fetchFn = normalizingFetch(opts.fetch ?? fetch);
  const policy = { ...DEFAULT_RETRY_POLICY, maxTries: 1 };
  const noSleep = (): Promise<void> => Promise.resolve();
  return {
    name: `hf:${opts.model}`,
    async phrase(facts, signal) {
      const output = await withHfRetry(
        opts.model,
        () =>
          client.chatCompletion(
            {
              model: opts.model,
              messages: [
                { role: 'system', content: SYSTEM },
                { role: 'user', content: factsPrompt(facts) },
              ],
              max_tokens: opts.maxTokens,
              temperature: 0.2,
            },
            { retry_on_error: false, fetch: fetchFn, ...(signal ? { signal } : {}) },
          ),
        { policy, sleep: noSleep, random: Math.random, ...(signal ? { signal } : {}) },
      );
      const parsed = chatAnswerSchema.safeParse(output);
      const text = parsed.success ? parsed.data.choices[0]?.message.content : undefined;
      if (typeof text !== 'string' || text.trim() === '') throw new HfBadResponseError(opts.model, 'expected a chat completion with a text answer');
      return text;
    },
  };
}
