/** Reddit asks for `<platform>:<app id>:<version> (by /u/<reddit username>)`; generic agents get throttled or blocked. */
const PATTERN = /^[^\s:]+:[^\s:]+:[^\s:]+ \(by \/u\/[A-Za-z0-9_-]{3,20}\)$/;

export function isRedditUserAgent(ua: string): boolean {
  return PATTERN.test(ua);
}

export function redditUserAgent(o: { platform?: string; appId: string; version: string; username: string }): string {
  const clean = (s: string): string => s.replace(/[\s:]+/g, '-');
  return `${clean(o.platform ?? 'node')}:${clean(o.appId)}:${clean(o.version)} (by /u/${o.username.replace(/^\/?u\//, '')})`;
}
