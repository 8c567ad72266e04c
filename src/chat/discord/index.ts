export { createDiscordSink, type DiscordSink, type DiscordSinkOptions } from './discord-sink.js';
export { renderDigestChart } from './charts/digest-chart.js';
export { alertEmbed } from './embeds/alert-embed.js';
export { digestEmbed } from './embeds/digest-embed.js';
export { noticeEmbed } from './embeds/notice-embed.js';
export { normaliseCommands } from './command-sync.js';
export { COMMANDS } from './commands/index.js';
export { startDiscordFrontEnd, type DiscordFrontEndOptions } from './front-end.js';
