import type { SummaryFacts } from '../domain/types.js';
import type { GuardedPhraser } from '../classify/phraser.js';
import { checkPhrasing } from '../delivery/summary-check.js';
import type { Logger } from '../shared/logger.js';
import type { BotMetrics } from '../shared/metrics.js';

export interface PhrasingDeps {
  phraser?: GuardedPhraser | undefined;
  logger: Logger;
  metrics?: BotMetrics | undefined;
}

interface Summarised {
  summary?: string | undefined;
  summaryFacts?: SummaryFacts | undefined;
  summaryBy?: string | undefined;
}

/**
 * A message's summary in a language model's words when one is configured and its text passes the bot's check
 * (summary-check.ts); the bot's quote of a stored mention follows it unchanged. Otherwise the extractive summary stays.
 * Either way the facts are dropped from the message; `summaryBy` names the model when it wrote the summary.
 */
export async function phraseSummary<T extends Summarised>(message: T, deps?: PhrasingDeps): Promise<T> {
  const { summaryFacts: facts, ...rest } = message;
  const plain = rest as T;
  if (!facts || !message.summary || !deps?.phraser) return plain;
  const answer = await deps.phraser.phrase(facts);
  if ('skipped' in answer) {
    deps.metrics?.summaries.inc({ outcome: 'skipped' });
    return plain;
  }
  if ('failed' in answer) {
    deps.metrics?.summaries.inc({ outcome: 'failed' });
    deps.logger.warn({ phraser: deps.phraser.name, brand: facts.brand, reason: answer.failed }, 'Summary model failed: the extractive summary is posted');
    return plain;
  }
  const verdict = checkPhrasing(answer.text, facts);
  if (!verdict.ok) {
    deps.metrics?.summaries.inc({ outcome: 'rejected' });
    deps.logger.warn({ phraser: deps.phraser.name, brand: facts.brand, why: verdict.why }, 'Summary model text rejected by the check: the extractive summary is posted');
    return plain;
  }
  deps.metrics?.summaries.inc({ outcome: 'phrased' });
  return { ...plain, summary: `${verdict.text} ${facts.quote}`, summaryBy: deps.phraser.name };
}
