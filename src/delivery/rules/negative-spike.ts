import { spikeRule } from './spike-rule.js';

/** Negative mentions far above this brand's usual count for the time of day. Critical at 3× the alert level. */
export const negativeSpikeRule = spikeRule('negative-spike', 'negative', 'negative mention', (v) => (v.observed >= 3 * v.fireAt ? 'critical' : 'warning'));
