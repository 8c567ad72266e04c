/**
 * Discord's documented message limits, checked the way Discord does before it stores or shows anything: a message
 * over any of them is refused with 400 / code 50035 "Invalid Form Body", naming the offending path.
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  totalEmbedChars: 6000,
} as const;

interface EmbedLike {
  title?: unknown;
  description?: unknown;
  fields?: unknown;
  footer?: { text?: unknown };
  author?: { name?: unknown };
}

type Problems = Record<string, string>;

const len = (v: unknown): number => (typeof v === 'string' ? v.length : 0);

function checkEmbed(e: EmbedLike, at: string, problems: Problems): number {
  const over = (path: string, value: unknown, max: number) => {
    if (len(value) > max) problems[`${at}.${path}`] = `BASE_TYPE_MAX_LENGTH: must be ${max} or fewer in length (got ${len(value)})`;
  };
  over('title', e.title, DISCORD_LIMITS.title);
  over('description', e.description, DISCORD_LIMITS.description);
  over('footer.text', e.footer?.text, DISCORD_LIMITS.footer);
  over('author.name', e.author?.name, DISCORD_LIMITS.authorName);
  const fields = Array.isArray(e.fields) ? (e.fields as { name?: unknown; value?: unknown }[]) : [];
  if (fields.length > DISCORD_LIMITS.fields) problems[`${at}.fields`] = `BASE_TYPE_MAX_LENGTH: must be ${DISCORD_LIMITS.fields} or fewer in length (got ${fields.length})`;
  let chars = len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name);
  fields.forEach((f, n) => {
    over(`fields.${n}.name`, f.name, DISCORD_LIMITS.fieldName);
    over(`fields.${n}.value`, f.value, DISCORD_LIMITS.fieldValue);
    chars += len(f.name) + len(f.value);
  });
  return chars;
}

/** The problems Discord would report for this message body (empty when it would be accepted). Pure. */
export function messageLimitProblems(body: unknown): Problems {
  const problems: Problems = {};
  if (body === null || typeof body !== 'object') return problems;
  const b = body as { content?: unknown; embeds?: unknown };
  if (len(b.content) > DISCORD_LIMITS.content) problems.content = `BASE_TYPE_MAX_LENGTH: must be ${DISCORD_LIMITS.content} or fewer in length (got ${len(b.content)})`;
  const embeds = Array.isArray(b.embeds) ? (b.embeds as EmbedLike[]) : [];
  if (embeds.length > DISCORD_LIMITS.embeds) problems.embeds = `BASE_TYPE_MAX_LENGTH: must be ${DISCORD_LIMITS.embeds} or fewer in length (got ${embeds.length})`;
  let total = 0;
  embeds.forEach((e, n) => {
    if (e && typeof e === 'object') total += checkEmbed(e, `embeds.${n}`, problems);
  });
  if (total > DISCORD_LIMITS.totalEmbedChars) problems['embeds._total'] = `MAX_EMBED_SIZE_EXCEEDED: Embed size exceeds maximum size of ${DISCORD_LIMITS.totalEmbedChars} (got ${total})`;
  return problems;
}

/** Discord's 400 answer for a message over its limits, or undefined when the message is fine. */
export function limitRefusal(body: unknown): { status: 400; body: Record<string, unknown> } | undefined {
  const problems = messageLimitProblems(body);
  if (Object.keys(problems).length === 0) return undefined;
  const errors = Object.fromEntries(Object.entries(problems).map(([path, message]) => [path, { _errors: [{ code: message.split(':')[0], message }] }]));
  return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors } };
}
