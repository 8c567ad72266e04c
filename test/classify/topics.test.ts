import { afterEach, describe, expect, it } from 'vitest';
import { createHfZeroShotTagger } from '../../src/classify/huggingface/zero-shot.js';
import { createKeywordTopicTagger, tagByKeywords } from '../../src/classify/topics.js';
import { silentLogger } from '../../src/shared/logger.js';
import { serverError, startHfStandin, type HfStandin } from '../support/hf-standin.js';

const TOPICS = { pricing: ['price', 'expensive', 'price hike'], support: ['customer service', 'support'], delivery: ['shipping', 'délai'] };

describe('keyword topic tagger', () => {
  it.each([
    ['The PRICE went up again', ['pricing']],
    ['Prices rose', []], // whole words only
    ['supportive staff', []],
    ['customer   service and shipping were slow', ['support', 'delivery']],
    ['Le délai était long', ['delivery']],
    ['nothing relevant', []],
  ])('%s -> %j', (text, expected) => {
    expect(tagByKeywords([text], TOPICS)).toEqual([expected]);
  });

  it('GIVEN regex characters in keywords THEN they match literally', async () => {
    const tags = await createKeywordTopicTagger().tag(['I use c++ daily', 'I use c daily'], { cpp: ['c++'] });
    expect(tags).toEqual([['cpp'], []]);
  });
});

let standin: HfStandin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

describe('createHfZeroShotTagger against the stand-in', () => {
  const make = (url: string) => createHfZeroShotTagger({ token: 'hf_x', model: 'facebook/bart-large-mnli', endpointUrl: url, threshold: 0.5, logger: silentLogger(), fallback: createKeywordTopicTagger() });

  it.each(['object', 'list'] as const)('GIVEN the %s response shape THEN labels at or above the threshold are tagged', async (shape) => {
    standin = await startHfStandin({ zeroShotShape: shape });
    const tags = await make(standin.url).tag(['Their pricing is absurd and support never answers', 'hello'], TOPICS);
    expect(tags).toEqual([['pricing', 'support'], []]);
    expect(standin.requests[0]!.body.parameters).toEqual({ candidate_labels: ['pricing', 'support', 'delivery'], multi_label: true });
  });

  it('GIVEN the endpoint fails THEN falls back to keyword tagging for the batch, without retrying', async () => {
    standin = await startHfStandin();
    standin.storm(serverError());
    const tags = await make(standin.url).tag(['the price is too high', 'shipping was late'], TOPICS);
    expect(tags).toEqual([['pricing'], ['delivery']]);
    expect(standin.requests.length).toBeLessThanOrEqual(2);
  });

  it('GIVEN no topics THEN no request is made', async () => {
    standin = await startHfStandin();
    expect(await make(standin.url).tag(['a', 'b'], {})).toEqual([[], []]);
    expect(standin.requests).toHaveLength(0);
  });
});
