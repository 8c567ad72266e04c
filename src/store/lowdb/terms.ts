export { mentionTerms as defaultTermsOf } from '../rollup-core.js';
