/** RoBERTa-class models take at most 512 tokens; ~1,500 characters stays under that for ordinary text. */
export const DEFAULT_MAX_INPUT_CHARS = 1500;

/** Cut `text` to at most `max` characters, at the last whitespace when one is reasonably close to the limit. */
export function truncateForModel(text: string, max: number = DEFAULT_MAX_INPUT_CHARS): string {
  if (text.length <= max) return text;
  let cut = max;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // do not split a surrogate pair
  const head = text.slice(0, cut);
  const space = head.search(/\s\S*$/u);
  return (space >= max * 0.8 ? head.slice(0, space) : head).trimEnd();
}
