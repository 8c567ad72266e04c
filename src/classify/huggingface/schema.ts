import { z } from 'zod';

/** Permissive schemas over what Hugging Face endpoints answer (extra keys pass). */

export const labelScoreSchema = z.object({ label: z.string(), score: z.number().finite() });
export const labelScoresSchema = z.array(labelScoreSchema);
export type LabelScore = z.infer<typeof labelScoreSchema>;

/** Error bodies: `{error, estimated_time?}` (serverless / endpoints) or `{message}` / `{detail}` (other servers). */
export const errorBodySchema = z.object({
  error: z.union([z.string(), z.array(z.string())]).optional(),
  estimated_time: z.number().nonnegative().optional(),
  message: z.string().optional(),
  detail: z.string().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Zero-shot answers come as `[{label, score}]` or the legacy `{sequence, labels, scores}`. */
export const zeroShotLegacySchema = z.object({
  sequence: z.string().optional(),
  labels: z.array(z.string()),
  scores: z.array(z.number().finite()),
});

export const zeroShotSchema = z.union([
  labelScoresSchema,
  zeroShotLegacySchema.transform((o) => o.labels.map((label, i) => ({ label, score: o.scores[i] ?? 0 }))),
]);
