import type { Alert, Digest, Notice } from '../../domain/types.js';
import type { ChatSink, DeliveryReceipt } from '../sink.js';
import { renderAlertText, renderDigestText, renderUpdateText } from '../../delivery/render-text.js';
import { sanitiseForTerminal, stripControl, stripControlDeep } from '../../shared/text.js';
import { DeliveryJournal } from './delivery-journal.js';

export interface ConsoleSinkOptions {
  /** where text goes (default: stdout) */
  write?: (text: string) => void;
  /** emit one JSON object per line instead of text (for scripts) */
  json?: boolean;
  /** the delivery journal (a small append-only file under the data directory): without it nothing is reconciled */
  journalPath?: string;
}

export { sanitiseForTerminal };

const RULE = '─'.repeat(72);

/** The default chat sink when no Discord token is set: readable blocks on stdout. */
export function createConsoleSink(opts: ConsoleSinkOptions = {}): ChatSink {
  const write = opts.write ?? ((t: string) => void process.stdout.write(t));
  const journal = opts.journalPath ? new DeliveryJournal(opts.journalPath) : undefined;
  const emit = (kind: string, id: string, text: string, obj: unknown, extra: Record<string, string> = {}): DeliveryReceipt => {
    // the same sanitiser as every other chat path (src/shared/text.ts), also on the JSON a script reads
    if (opts.json) write(`${JSON.stringify({ kind, outboxId: id, ...extra, [kind === 'update' ? 'alert' : kind]: stripControlDeep(obj) })}\n`);
    else if (kind === 'update') write(`${stripControl(text)}\n`);
    else write(`${RULE}\n${stripControl(text)}\n${RULE}\n`);
    journal?.record(id);
    return { messageId: `console:${id}` };
  };
  return {
    name: 'console',
    health: () => ({ failingChannels: [] }),
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    sendAlert: (a: Alert, id: string) => Promise.resolve(emit('alert', id, renderAlertText(a), a)),
    sendDigest: (d: Digest, id: string) => Promise.resolve(emit('digest', id, renderDigestText(d), d)),
    sendUpdate: (a: Alert, root: { outboxId: string }, id: string) => Promise.resolve(emit('update', id, renderUpdateText(a), a, { updates: root.outboxId })),
    sendNotice: (n: Notice, id: string) =>
      Promise.resolve(emit('notice', id, `[${n.level.toUpperCase()}] ${n.title}\n${n.text}`, n)),
    findDelivered: (id: string) => Promise.resolve(journal?.has(id) ? { messageId: `console:${id}` } : undefined),
  };
}
