/* eslint-disable no-control-regex */
/**
 * Control sequences and characters, matched in this order: CSI (ESC [ or C1 CSI, bounded parameters), terminated
 * string sequences (OSC, DCS, SOS, PM, APC up to BEL or ST), other two-character escapes (ESC ( B, ESC c...), then any
 * remaining C0/C1 control character except tab and newline (incl. CR, DEL, a lone ESC or BEL).
 */
const CONTROL =
  /(?:\u001b\[|\u009b)[0-?]{0,64}[ -/]{0,16}[@-~]|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]{0,512}(?:\u0007|\u001b\\|\u009c)|\u001b[ -/]{0,16}[0-~]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/* eslint-enable no-control-regex */

/**
 * Untrusted text with every control sequence and control character removed (ANSI escapes, BEL, other C0/C1), newline
 * and tab kept. The one sanitiser of every chat path: the console sink and every request the Discord client sends.
 */
export function stripControl(s: string): string {
  return s.replace(CONTROL, '');
}

/** Untrusted text must not drive a terminal (the console path's name for stripControl). */
export const sanitiseForTerminal = stripControl;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of a JSON-like value (a chat payload: content, embeds, components...) with stripControl applied to every
 * string in it. Anything that is not a string, array or plain object (Buffers, class instances) is kept as it is.
 */
export function stripControlDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return stripControl(value) as T;
  if (depth > 32) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => stripControlDeep(v, depth + 1)) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = stripControlDeep(v, depth + 1);
  return out as T;
}

/** One line of untrusted text, bounded, safe for logs and terminals. */
export function oneLine(s: string, max = 160): string {
  const t = sanitiseForTerminal(s).replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Runs of white space as one space, or as one newline when they hold one (keeps later split patterns linear). */
export function squeezeSpace(text: string): string {
  return text.replace(/\s+/gu, (run) => (run.includes('\n') ? '\n' : ' '));
}
