export { DiscordStandin, type StandinOptions } from './discord-standin.js';
export { opt, sub, snowflake, type CommandOption, type MemberSpec, type StoredMessage } from './payloads.js';
export type { RecordedRequest, ScriptedFailure } from './rest.js';
