import type { Result } from '../chat/api.js';
import { fetchUrl } from '../net/fetch-url.js';
import { parseFeed } from '../sources/rss/index.js';

/**
 * A feed URL given from chat is untrusted: only http(s), fetched only if every hop resolves to a public address
 * (no loopback, private, link-local, metadata or IPv4-mapped addresses), and it must parse as a feed.
 */
export async function validateFeedUrl(raw: string, userAgent: string): Promise<Result<string>> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, error: { code: 'invalid-url', message: 'That is not a URL.' } };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, error: { code: 'invalid-url', message: 'Only http and https feeds can be added.' } };
  if (url.username || url.password) return { ok: false, error: { code: 'invalid-url', message: 'Feed URLs with credentials cannot be added from chat.' } };
  try {
    const r = await fetchUrl(url.toString(), { publicOnly: true, userAgent, timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024 });
    if (r.status !== 200) return { ok: true, value: url.toString() };
    const feed = await parseFeed(r.body, r.finalUrl);
    if (feed.items.length === 0 && feed.warnings.length > 0) return { ok: false, error: { code: 'not-a-feed', message: `That URL did not parse as a feed with items: ${feed.warnings.join('; ').slice(0, 300)}` } };
    return { ok: true, value: url.toString() };
  } catch (e) {
    const name = e instanceof Error ? e.name : 'Error';
    const message = name === 'ForbiddenAddressError' ? 'That URL (or a redirect) points to a private or local address; only public feeds can be added.' : `Could not fetch that feed: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, error: { code: name === 'ForbiddenAddressError' ? 'forbidden-address' : 'fetch-failed', message } };
  }
}
