export { createRedditSources, type RedditSourcesOptions, type RedditFreshness, type RedditSources } from './sources.js';
export { createRedditContext, type RedditContext, type RedditContextOptions } from './context.js';
export { redditTargets, type TargetOptions as RedditTargetOptions } from './targets.js';
export { redditRssUrls, redditSearchQuery } from './rss-urls.js';
export { redditUserAgent, isRedditUserAgent } from './user-agent.js';
export { RequestBudget, type RequestBudgetOptions, type ScheduleOptions } from './budget.js';
export { RedditClient, type RedditClientOptions, type RetryOptions, type RequestContext } from './client.js';
export * from './errors.js';
