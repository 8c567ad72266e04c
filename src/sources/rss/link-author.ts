/**
 * The author a post's permalink names, for feeds whose items carry none: Mastodon (`https://<instance>/@<user>/<id>`)
 * and Bluesky (`https://bsky.app/profile/<did or handle>/post/<rkey>`). Without it every post of a tag or profile feed
 * would count as a different person in the alert rules ("from N people", the per-person cap of the spike rule).
 *
 * The name is the one `forget --author` reads from that person's profile URL (`https://<instance>/@<user>` gives
 * `user`, `https://bsky.app/profile/<did>` gives the DID), so an erasure request finds these mentions. Only these
 * exact path shapes: a longer or different path (a blog post under /@name/slug) names no author here.
 */
export function authorFromLink(link: URL): string | undefined {
  const path = link.pathname;
  if (link.hostname === 'bsky.app') {
    const bluesky = /^\/profile\/([^/]+)\/post\/[^/]+\/?$/.exec(path);
    return bluesky?.[1] ? decodeURIComponent(bluesky[1]) : undefined;
  }
  const mastodon = /^\/@([A-Za-z0-9_]{1,64})\/\d{1,20}\/?$/.exec(path);
  return mastodon?.[1];
}
