import type { Notice, SentimentLabel, Severity } from '../../../domain/types.js';

export const SEVERITY_COLOUR: Record<Severity, number> = { info: 0x3498db, warning: 0xf1c40f, critical: 0xe74c3c };
export const NOTICE_COLOUR: Record<Notice['level'], number> = { info: 0x3498db, warning: 0xf1c40f, error: 0xe74c3c };
export const BRAND_COLOUR = 0x5865f2;
export const SENTIMENT_EMOJI: Record<SentimentLabel, string> = { positive: '🟢', neutral: '⚪', negative: '🔴' };
