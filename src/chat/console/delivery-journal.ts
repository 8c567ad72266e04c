import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Past this many lines the journal is rewritten at open with the newest KEEP (only the last few can be in flight). */
const COMPACT_AT = 2000;
const KEEP = 500;

/**
 * The console's record of what it printed: one JSON line per delivered outbox id, appended right after the text is
 * written, so a crash between printing and "marked sent" is recognised at the next start instead of printed twice.
 * Small and append-only; compacted when opened.
 */
export class DeliveryJournal {
  private ids: Set<string> | undefined;

  constructor(private readonly path: string) {}

  has(outboxId: string): boolean {
    return this.load().has(outboxId);
  }

  record(outboxId: string): void {
    this.load().add(outboxId);
    appendFileSync(this.path, `${JSON.stringify({ id: outboxId, at: new Date().toISOString() })}\n`);
  }

  private load(): Set<string> {
    if (this.ids) return this.ids;
    const lines = existsSync(this.path) ? readFileSync(this.path, 'utf8').split('\n').filter((l) => l.length > 0) : [];
    const ids: string[] = [];
    for (const line of lines) {
      try {
        const id = (JSON.parse(line) as { id?: unknown }).id;
        if (typeof id === 'string') ids.push(id);
      } catch {
        // a line torn by a crash mid-append: that delivery was not recorded
      }
    }
    if (lines.length > COMPACT_AT) {
      const kept = lines.slice(-KEEP);
      writeFileSync(`${this.path}.tmp`, `${kept.join('\n')}\n`);
      renameSync(`${this.path}.tmp`, this.path);
    }
    this.ids = new Set(ids.slice(-KEEP * 2));
    return this.ids;
  }
}
