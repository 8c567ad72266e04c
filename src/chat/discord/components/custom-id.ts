import { createHash } from 'node:crypto';
import { LIMITS } from '../embeds/text.js';

/**
 * Component custom ids: `<kind>:<arg>`. Discord allows 100 characters; an argument that does not fit is replaced by
 * `#<hash>` and kept in a bounded in-memory table (so a very long alert id still works until the process restarts).
 */
export type CustomIdKind = 'ack' | 'wrong' | 'mute' | 'label' | 'page';

export interface ParsedCustomId {
  kind: CustomIdKind;
  arg: string;
}

const KINDS = new Set<string>(['ack', 'wrong', 'mute', 'label', 'page']);

export class CustomIdCodec {
  private readonly overflow = new Map<string, string>();

  constructor(private readonly capacity = 5000) {}

  encode(kind: CustomIdKind, arg: string): string {
    const plain = `${kind}:${arg}`;
    if (plain.length <= LIMITS.customId) return plain;
    const token = `#${createHash('sha256').update(arg).digest('base64url').slice(0, 24)}`;
    this.overflow.delete(token);
    this.overflow.set(token, arg);
    if (this.overflow.size > this.capacity) {
      const oldest = this.overflow.keys().next().value;
      if (oldest !== undefined) this.overflow.delete(oldest);
    }
    return `${kind}:${token}`;
  }

  /** undefined when the id is not ours, or its overflow entry was forgotten (restart). */
  decode(customId: string): ParsedCustomId | undefined {
    const at = customId.indexOf(':');
    if (at < 0) return undefined;
    const kind = customId.slice(0, at);
    if (!KINDS.has(kind)) return undefined;
    let arg = customId.slice(at + 1);
    if (arg.startsWith('#')) {
      const full = this.overflow.get(arg);
      if (full === undefined) return undefined;
      arg = full;
    }
    return { kind: kind as CustomIdKind, arg };
  }
}
