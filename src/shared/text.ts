// Untrusted text must not drive a terminal: drop ANSI escape sequences and other control characters.
// eslint-disable-next-line no-control-regex
const CONTROL = /\u001b\[[0-9;?]*[ -/]*[@-~]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function sanitiseForTerminal(s: string): string {
  return s.replace(CONTROL, '');
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
