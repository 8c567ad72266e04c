/**
 * Credential-free fallback: Reddit's public Atom listings, read by the RSS source at a polite interval
 * (Reddit tolerates about one unauthenticated request a minute; default 600 s per URL).
 */
const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'brand';

export function redditRssUrls(o: { baseUrl: string; brands: { name: string; query: string }[]; subreddits: string[] }): { id: string; url: string }[] {
  const base = o.baseUrl.replace(/\/+$/, '');
  return [
    ...o.subreddits.map((sub) => ({ id: `reddit-rss-r-${sub.toLowerCase()}`, url: `${base}/r/${encodeURIComponent(sub)}/new/.rss` })),
    ...o.brands.map((b) => ({ id: `reddit-rss-search-${slug(b.name)}`, url: `${base}/search.rss?q=${encodeURIComponent(b.query)}&sort=new` })),
  ];
}

/** `"Acme" OR "Acme Corp"`: the brand's name and aliases as phrases (Reddit search has no other useful operators). */
export function redditSearchQuery(name: string, aliases: readonly string[] = []): string {
  const terms: string[] = [];
  for (const t of [name, ...aliases].map((s) => s.replace(/"/g, ' ').replace(/\s+/g, ' ').trim())) {
    if (t && !terms.some((x) => x.toLowerCase() === t.toLowerCase())) terms.push(t);
  }
  return terms.map((t) => `"${t}"`).join(' OR ');
}
