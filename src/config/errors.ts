/** One bad key: the file, the path inside it (and line when known), and what was expected. */
export interface ConfigIssue {
  file: string;
  path: string;
  line?: number;
  /** for YAML syntax errors */
  column?: number;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(`invalid configuration:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function formatIssue(i: ConfigIssue): string {
  const where = i.line ? `${i.file}:${i.line}${i.column ? `:${i.column}` : ''}` : i.file;
  return `  - ${where}: ${i.path || '(root)'}: ${i.message}`;
}
