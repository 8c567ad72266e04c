import type { ConfigIssue } from './errors.js';
import type { YamlFile } from './yaml-file.js';

/**
 * Checks across entries (duplicate names, references to other entries). They read the raw YAML value, so they are
 * reported together with schema errors in the same files instead of only after those are fixed.
 */

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);
const field = (v: unknown, k: string): unknown => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

export function checkBrandReferences(f: YamlFile<unknown>, issues: ConfigIssue[]): void {
  const brands = asArray(field(f.raw, 'brands'));
  const names = new Map<string, number>();
  brands.forEach((b, i) => {
    const name = str(field(b, 'name'));
    if (!name) return;
    const k = name.toLowerCase();
    const first = names.get(k);
    if (first !== undefined) {
      const line = f.lineOf(['brands', i, 'name']);
      issues.push({ file: f.file, path: `brands[${i}].name`, line, message: `duplicate brand name "${name}" (also brands[${first}], line ${f.lineOf(['brands', first, 'name']) ?? '?'})` });
    } else names.set(k, i);
  });
  brands.forEach((b, i) =>
    asArray(field(b, 'competitors')).forEach((c, j) => {
      const name = str(c);
      if (name && !names.has(name.toLowerCase()))
        issues.push({ file: f.file, path: `brands[${i}].competitors[${j}]`, line: f.lineOf(['brands', i, 'competitors', j]), message: `"${name}" is not a configured brand (add it to brands so its mentions are counted)` });
    }),
  );
}

export function checkFeedIds(f: YamlFile<unknown>, issues: ConfigIssue[]): void {
  const seen = new Map<string, number>();
  asArray(field(f.raw, 'feeds')).forEach((feed, i) => {
    const id = str(field(feed, 'id'));
    if (!id) return;
    const first = seen.get(id);
    if (first !== undefined)
      issues.push({ file: f.file, path: `feeds[${i}].id`, line: f.lineOf(['feeds', i, 'id']), message: `duplicate feed id "${id}" (also feeds[${first}]); only the first would be polled` });
    else seen.set(id, i);
  });
}

const DEMO_PLACEHOLDER = '${DEMO_URL}';

/**
 * `${DEMO_URL}` is the demo feed server, which runs only with settings demo.enabled: with the demo off such a feed would
 * fail at every poll (it points at a closed port), so it is named now.
 */
export function checkDemoFeeds(sources: YamlFile<unknown>, settings: YamlFile<unknown>, issues: ConfigIssue[]): void {
  if (!sources.source.includes(DEMO_PLACEHOLDER) || settings.raw === undefined) return;
  if (field(field(settings.raw, 'demo'), 'enabled') === true) return;
  const lines = sources.source.split('\n');
  asArray(field(sources.raw, 'feeds')).forEach((_, i) => {
    const line = sources.lineOf(['feeds', i, 'url']);
    if (line !== undefined && lines[line - 1]?.includes(DEMO_PLACEHOLDER))
      issues.push({ file: sources.file, path: `feeds[${i}].url`, line, message: `${DEMO_PLACEHOLDER} is the demo feed server, which runs only with demo.enabled: true in settings.yaml; replace it with a real feed URL (or remove the feed)` });
  });
}
