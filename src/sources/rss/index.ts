export { createRssSource, describeFeedUrl } from './rss-source.js';
export type { RssSourceOptions } from './rss-source.js';
export { parseFeed, DEFAULT_MAX_ITEMS } from './parse-feed.js';
export type { FeedItem, ParsedFeed } from './parse-feed.js';
export { FeedParseError } from './feed-errors.js';
