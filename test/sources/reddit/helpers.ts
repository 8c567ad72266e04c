import type { MentionSource, PollResult, SourceState } from '../../../src/sources/source.js';
import { createRedditSources, type RedditSourcesOptions } from '../../../src/sources/reddit/index.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { RedditStandin } from '../../support/reddit-standin.js';

export const UA = 'node:brand-listening-test:0.1.0 (by /u/tester)';

export function sourcesFor(standin: RedditStandin, over: Partial<RedditSourcesOptions> = {}) {
  return createRedditSources({
    clientId: standin.credentials.clientId,
    clientSecret: standin.credentials.clientSecret,
    refreshToken: standin.credentials.refreshToken,
    userAgent: UA,
    apiUrl: standin.url,
    authUrl: standin.url,
    brands: [],
    subreddits: ['acme'],
    comments: false,
    requestsPerMinute: 60_000,
    intervalSeconds: 120,
    logger: silentLogger(),
    retry: { baseMs: 10, maxRetries: 3, maxWaitMs: 5000 },
    ...over,
  });
}

/** Polls a source the way the pipeline does: state carried over only after a successful poll. */
export function poller(source: MentionSource) {
  let state: SourceState = {};
  return {
    get state() {
      return state;
    },
    async poll(now = new Date()): Promise<PollResult> {
      const r = await source.poll({ now, signal: new AbortController().signal, state });
      state = r.state;
      return r;
    },
  };
}

export const byId = (sources: MentionSource[], id: string): MentionSource => {
  const s = sources.find((x) => x.id === id);
  if (!s) throw new Error(`no source ${id}; have ${sources.map((x) => x.id).join(', ')}`);
  return s;
};
