/** Matching: the brand query language, item identity and author pseudonyms, trend terms. */
export { compileQuery, tryCompileQuery, QueryParseError, prepareDocument, PreparedDocument } from './query/compile.js';
export type { CompiledQuery, MatchDocument, QueryError, TryCompileResult } from './query/compile.js';
export { createBrandMatcher, brandQuery, toMatchDocument } from './brand-matcher.js';
export type { BrandMatcher, BrandQuerySpec } from './brand-matcher.js';
export { canonicalLink, linkIdentity, isGlobalGuid, itemKey, pseudonymiseAuthor, PseudonymKeyError } from './identity.js';
export { extractTerms } from './terms.js';
export type { ExtractTermsOptions } from './terms.js';
export { tokenize, type Token } from './tokenize.js';
export { clauses, entityFocus, namePattern } from './entity-focus.js';
