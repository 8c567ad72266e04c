import { createHash } from 'node:crypto';
import { LIMITS } from '../embeds/text.js';

/**
 * Component custom ids: `<kind>:<arg>`. Discord allows 100 characters; an argument that does not fit is replaced by
 * `#<hash>` and kept in a bounded in-memory table. After a restart the table is empty: callers that can find the
 * full argument elsewhere (an alert's id is in its embed footer) check it with `matches`.
 */
export type CustomIdKind = 'ack' | 'wrong' | 'mute' | 'label' | 'page';

export interface ParsedCustomId {
  kind: CustomIdKind;
  /** undefined when the argument was hashed and the table no longer has it */
  arg: string | undefined;
  /** the `#hash` when the argument did not fit */
  token?: string;
}

const KINDS = new Set<string>(['ack', 'wrong', 'mute', 'label', 'page']);

export class CustomIdCodec {
  private readonly overflow = new Map<string, string>();

  constructor(private readonly capacity = 5000) {}

  encode(kind: CustomIdKind, arg: string): string {
    const plain = `${kind}:${arg}`;
    if (plain.length <= LIMITS.customId) return plain;
    const token = tokenOf(arg);
    this.overflow.delete(token);
    this.overflow.set(token, arg);
    if (this.overflow.size > this.capacity) {
      const oldest = this.overflow.keys().next().value;
      if (oldest !== undefined) this.overflow.delete(oldest);
    }
    return `${kind}:${token}`;
  }

  /** undefined when the id is not ours. */
  decode(customId: string): ParsedCustomId | undefined {
    const at = customId.indexOf(':');
    if (at < 0) return undefined;
    const kind = customId.slice(0, at);
    if (!KINDS.has(kind)) return undefined;
    const arg = customId.slice(at + 1);
    if (!arg.startsWith('#')) return { kind: kind as CustomIdKind, arg };
    return { kind: kind as CustomIdKind, arg: this.overflow.get(arg), token: arg };
  }

  /** Whether `candidate` is the argument a `#hash` token stands for. */
  matches(token: string, candidate: string): boolean {
    return tokenOf(candidate) === token;
  }
}

function tokenOf(arg: string): string {
  return `#${createHash('sha256').update(arg).digest('base64url').slice(0, 24)}`;
}
