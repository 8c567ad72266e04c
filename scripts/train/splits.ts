/**
 * Frozen evaluation splits (issue 10). No data is stored in the repository: a split is a rule on each text, so the same
 * rows fall on the same side on every machine, in every order, and a duplicate always falls where its twin does.
 *
 *   bucket(text) = first 4 bytes of sha256(salt + "\n" + key(text)) mod 10,000
 *   key(text)    = lower case, links and @handles removed, only letters and digits kept (the de-duplication key of
 *                  ../shared/data/sentiment/extra/PROVENANCE.md)
 *
 * - Generic test: the training tweets (train_*.txt) with bucket < 1,000 (10 %). Training never sees them
 *   (loadSplit(dir, 'train') leaves them out), and neither does any tuning: the validation split stays the tuning set.
 * - Brand sets (extra/sanders-brand-tweets, extra/apple-brand-tweets): bucket < 3,000 is the frozen brand test split
 *   (30 %), 3,000–4,999 the brand tuning split (20 %: choose decision rules such as a negative bias here), the rest
 *   brand training rows (50 %).
 *
 * Change a salt only to define a new split on purpose: every figure measured on the old one is then void.
 */
import { createHash } from 'node:crypto';

export const GENERIC_TEST_SALT = 'issue-10/generic-test/v1';
export const BRAND_SPLIT_SALT = 'issue-10/brand-split/v1';
export const BUCKETS = 10_000;
export const GENERIC_TEST_BUCKETS = 1_000;
export const BRAND_TEST_BUCKETS = 3_000;
export const BRAND_TUNE_BUCKETS = 2_000;

/** The in-domain brand sets under <data>/extra/. */
export const BRAND_SETS = ['sanders-brand-tweets', 'apple-brand-tweets'] as const;

export type BrandPart = 'train' | 'tune' | 'test';

/** What two copies of the same tweet share (case, links, handles, spacing and punctuation aside). */
export function splitKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+|www\.\S+/g, '')
    .replace(/@\w+/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export function splitBucket(text: string, salt: string): number {
  return createHash('sha256').update(`${salt}\n${splitKey(text)}`).digest().readUInt32BE(0) % BUCKETS;
}

/** A training tweet that belongs to the frozen generic test split. */
export function isGenericTest(text: string): boolean {
  return splitBucket(text, GENERIC_TEST_SALT) < GENERIC_TEST_BUCKETS;
}

export function brandPart(text: string): BrandPart {
  const b = splitBucket(text, BRAND_SPLIT_SALT);
  if (b < BRAND_TEST_BUCKETS) return 'test';
  return b < BRAND_TEST_BUCKETS + BRAND_TUNE_BUCKETS ? 'tune' : 'train';
}
