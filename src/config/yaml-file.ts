import { existsSync, readFileSync } from 'node:fs';
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { ConfigIssue } from './errors.js';

/** One YAML file as read: its raw value (for cross-reference checks even when the schema refuses it) and its lines. */
export interface YamlFile<T> {
  file: string;
  /** the validated value, or undefined when the file has a syntax or schema error */
  data: T | undefined;
  /** the parsed value before validation (undefined after a syntax error) */
  raw: unknown;
  /** the file's text as written, before ${…} substitution */
  source: string;
  /** line (1-based) of the node at a path, when the file has one */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

export function pathToString(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

function lineFinder(doc: Document, lc: LineCounter): YamlFile<unknown>['lineOf'] {
  return (path) => {
    // a path that ends inside a value (e.g. a missing key) is shown at its nearest existing parent
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
    }
    return undefined;
  };
}

/** Parse one YAML file against a schema; push every issue with its path, line and (for syntax errors) column. */
export function readYaml<S extends z.ZodType>(file: string, schema: S, issues: ConfigIssue[], subst: Record<string, string>): YamlFile<z.infer<S>> {
  const source = existsSync(file) ? readFileSync(file, 'utf8') : '';
  let text = source;
  for (const [k, v] of Object.entries(subst)) text = text.split('${' + k + '}').join(v);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = lc.linePos(e.pos[0]);
      issues.push({ file, path: '', line: pos.line, column: pos.col, message: `YAML syntax: ${e.message.split('\n')[0]}` });
    }
    return { file, data: undefined, raw: undefined, source, lineOf: () => undefined };
  }
  const raw: unknown = doc.toJS() ?? {};
  const lineOf = lineFinder(doc, lc);
  const r = schema.safeParse(raw);
  if (r.success) return { file, data: r.data as z.infer<S>, raw, source, lineOf };
  for (const i of r.error.issues) {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
    issues.push({ file, path: pathToString(i.path), line: lineOf(path), message: i.message });
  }
  return { file, data: undefined, raw, source, lineOf };
}
