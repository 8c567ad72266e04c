import { startFeedServer, type FeedServer } from '../support/feed-server.js';

export interface LiveFeed {
  /** http://127.0.0.1:PORT/feed.xml */
  url: string;
  server: FeedServer;
  /** publish an item (shows up on the next fetch); pubDate defaults to one minute before `at` */
  publish(title: string, at?: Date): void;
  close(): Promise<void>;
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A local RSS 2.0 feed whose items the test publishes one by one, served to the bot's real feed client. */
export async function startLiveFeed(): Promise<LiveFeed> {
  const items: { guid: string; title: string; pubDate: string }[] = [];
  const server = await startFeedServer({
    '/feed.xml': (_req, res) => {
      const body = items
        .map((i) => `<item><guid isPermaLink="false">${i.guid}</guid><title>${xmlEscape(i.title)}</title><link>http://127.0.0.1/posts/${i.guid}</link><description>${xmlEscape(i.title)}</description><pubDate>${i.pubDate}</pubDate></item>`)
        .join('');
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Local news</title><link>http://127.0.0.1/</link><description>e2e</description>${body}</channel></rss>`);
    },
  });
  return {
    url: `${server.url}/feed.xml`,
    server,
    publish(title, at = new Date()) {
      items.push({ guid: `item-${items.length + 1}`, title, pubDate: new Date(at.getTime() - 60_000).toUTCString() });
    },
    close: () => server.close(),
  };
}
