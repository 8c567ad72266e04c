export { createRedditSources, type RedditSourcesOptions, type RedditFreshness } from './sources.js';
export { redditRssUrls, redditSearchQuery } from './rss-urls.js';
export { redditUserAgent, isRedditUserAgent } from './user-agent.js';
export { RequestBudget, type RequestBudgetOptions } from './budget.js';
export { RedditClient, type RedditClientOptions, type RetryOptions } from './client.js';
export * from './errors.js';
