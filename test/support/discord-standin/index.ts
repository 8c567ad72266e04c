export { DiscordStandin, type StandinOptions, type Where } from './discord-standin.js';
export { DISCORD_LIMITS, messageLimitProblems } from './limits.js';
export { opt, sub, snowflake, type CommandOption, type MemberSpec, type StoredMessage } from './payloads.js';
export type { RecordedRequest, ScriptedFailure } from './rest.js';
