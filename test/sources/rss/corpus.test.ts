/**
 * Robustness over the feedparser test corpus (~2,100 files): each file is served by the local feed server, with the
 * `Header:` lines of its leading XML comment sent as response headers, and polled through the RSS source with
 * concurrency 16. No file may hang or fail with anything but a typed error. Writes test/reports/rss-corpus.json.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRssSource } from '../../../src/sources/rss/rss-source.js';
import { FeedParseError } from '../../../src/sources/rss/feed-errors.js';
import { FetchError, FetchStatusError } from '../../../src/net/fetch-errors.js';
import { startFeedServer } from '../../support/feed-server.js';
import type { FeedServer } from '../../support/feed-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const CORPUS = resolve(repo, '../shared/data/feeds/feedparser-tests');
const REPORT = join(repo, 'test/reports/rss-corpus.json');
const CONCURRENCY = 16;
const BUDGET_MS = 60_000;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

/** `Header: Name: value` lines of the first XML comment (the corpus's way of describing the HTTP response). */
function headersFromComment(body: Buffer): Record<string, string> {
  const head = body.subarray(0, 4096).toString('latin1');
  const comment = /<!--([\s\S]*?)-->/.exec(head)?.[1] ?? '';
  const headers: Record<string, string> = {};
  for (const m of comment.matchAll(/^\s*Header:\s*([A-Za-z0-9-]+)\s*:[ \t]*(.*)$/gm)) {
    const [, name, value] = m;
    if (name) headers[name.toLowerCase()] = (value ?? '').trim();
  }
  return headers;
}

function classify(err: unknown): string | undefined {
  if (err instanceof FeedParseError) return `parse: ${err.reason}`;
  if (err instanceof FetchStatusError) return `${err.name} ${err.status}`;
  if (err instanceof FetchError) return err.name;
  return undefined;
}

const present = existsSync(CORPUS);
if (!present) console.warn(`[corpus] ${CORPUS} is absent: corpus robustness test skipped`);

describe.skipIf(!present)('RSS source over the feedparser corpus', () => {
  let srv: FeedServer;
  let files: string[] = [];
  beforeAll(async () => {
    files = await listFiles(CORPUS);
    srv = await startFeedServer();
    for (const file of files) {
      const body = await readFile(file);
      const path = `/${relative(CORPUS, file).split('/').map(encodeURIComponent).join('/')}`;
      srv.route(path, { body, headers: headersFromComment(body) });
    }
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('polls every file without a hang or an untyped error', { timeout: BUDGET_MS + 10_000 }, async () => {
    const rejected = new Map<string, number>();
    const unexpected: { file: string; error: string }[] = [];
    let parsed = 0;
    let items = 0;
    let withWarnings = 0;
    const started = Date.now();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < files.length) {
        const file = files[next++] ?? '';
        const rel = relative(CORPUS, file);
        const url = `${srv.url}/${rel.split('/').map(encodeURIComponent).join('/')}`;
        const source = createRssSource({ id: rel, url, intervalSeconds: 60, userAgent: 'corpus-test', timeoutMs: 5000 });
        try {
          const res = await source.poll({ now: new Date(0), signal: new AbortController().signal, state: {} });
          parsed++;
          items += res.items.length;
          if (res.warnings?.length) withWarnings++;
        } catch (err) {
          const reason = classify(err);
          if (reason === undefined) unexpected.push({ file: rel, error: String(err) });
          else rejected.set(reason, (rejected.get(reason) ?? 0) + 1);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const ms = Date.now() - started;
    const byReason = Object.fromEntries([...rejected.entries()].sort((a, b) => b[1] - a[1]));
    const report = {
      corpus: relative(repo, CORPUS),
      files: files.length,
      parsed,
      items,
      feedsWithWarnings: withWarnings,
      rejected: [...rejected.values()].reduce((a, b) => a + b, 0),
      rejectedByReason: byReason,
      unexpected,
      ms,
    };
    await mkdir(dirname(REPORT), { recursive: true });
    await writeFile(REPORT, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`[corpus] ${JSON.stringify({ ...report, rejectedByReason: undefined })}`);
    console.log(`[corpus] rejected by reason: ${JSON.stringify(byReason, null, 1)}`);
    expect(unexpected).toEqual([]);
    expect(parsed + report.rejected).toBe(files.length);
    expect(files.length).toBeGreaterThan(2000);
    expect(parsed).toBeGreaterThan(files.length * 0.8);
    expect(ms).toBeLessThan(BUDGET_MS);
    await srv.waitForNoSockets(2000);
  });
});
