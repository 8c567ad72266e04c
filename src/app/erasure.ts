import type { Result } from '../chat/api.js';
import type { Store } from '../store/store.js';

/** The kv key of the erasure log: when, how many and from where; never who. */
export const ERASURES_KEY = 'privacy.erasures';

export interface ErasureRecord {
  at: string;
  deleted: number;
  via: 'cli' | 'chat';
}

const stripPrefix = (s: string): string => s.replace(/^@/, '').replace(/^\/?u\//i, '').replace(/^\/?user\//i, '');

/**
 * The raw author names an input may stand for, as sources store them: a handle as given, without a leading `@` or
 * `u/`, and the name inside a profile URL (reddit.com/user/NAME, reddit.com/u/NAME, host/@NAME, host/users/NAME,
 * host/NAME with nothing after it). Matching then goes through the same keyed pseudonym ingest stores, so the name itself is never needed.
 */
export function authorCandidates(input: string): string[] {
  const raw = input.trim();
  const out = new Set<string>();
  if (raw === '') return [];
  out.add(raw);
  out.add(stripPrefix(raw));
  if (/^https?:\/\//i.test(raw) && URL.canParse(raw)) {
    const segments = new URL(raw).pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    const i = segments.findIndex((s) => /^(u|user|users|profile)$/i.test(s));
    // only where a URL names its person: a longer path (a blog post) names none, and a wrong guess would erase someone else
    const name = i >= 0 ? segments[i + 1] : (segments.find((s) => s.startsWith('@')) ?? (segments.length === 1 ? segments[0] : undefined));
    if (name) {
      out.add(name);
      out.add(stripPrefix(name));
    }
  }
  out.delete('');
  return [...out];
}

/**
 * Delete every stored mention of an author: the candidates' keyed pseudonyms (privacy.authors 'pseudonymise') and
 * the raw names themselves (stored as given under 'keep', or before a switch to pseudonyms). The erasure is logged
 * with its time and count only.
 */
export async function forgetAuthor(store: Store, pseudonym: (raw: string) => string, input: string, via: ErasureRecord['via'], now: Date): Promise<Result<{ deleted: number }>> {
  const names = authorCandidates(input);
  if (names.length === 0 || input.length > 500) return { ok: false, error: { code: 'bad-author', message: 'Give the author as a handle (e.g. @name, u/name) or a profile URL.' } };
  const stored = [...new Set([...names.map(pseudonym), ...names])];
  const deleted = await store.deleteMentionsByAuthor(stored);
  await store.kvUpdate<ErasureRecord[]>(ERASURES_KEY, (log) => [...(log ?? []), { at: now.toISOString(), deleted, via }]);
  return { ok: true, value: { deleted } };
}
