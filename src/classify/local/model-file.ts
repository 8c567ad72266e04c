/**
 * Binary model file: "SEN1" magic, then gzip of
 * [u32 LE header length][header JSON][int16 LE weights, feature-major].
 * Weights are quantised with one global scale (w = q * scale).
 * The encoding is deterministic: same model, same bytes.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { ModelFormatError } from './errors.js';
import type { LinearModel } from './model.js';

const MAGIC = 'SEN1';

const headerSchema = z.object({
  features: z.object({
    bits: z.number().int().min(10).max(24),
    charMin: z.number().int().min(1),
    charMax: z.number().int().min(1),
    charWeight: z.number(),
    lexWeight: z.number(),
    negScope: z.number().int().min(0).default(0),
    bigramWeight: z.number().default(1),
    negPlainWeight: z.number().default(0),
    butWeight: z.number().default(0),
    trigramWeight: z.number().default(0),
  }),
  scale: z.number().positive(),
  bias: z.tuple([z.number(), z.number(), z.number()]),
  temperature: z.number().positive(),
  /** "word\tvalence" lines */
  lexicon: z.string(),
  meta: z.object({
    version: z.string(),
    seed: z.number(),
    trainExamples: z.number(),
    feedbackExamples: z.number(),
    /** in-domain brand rows among the training examples (absent in models before issue 10) */
    brandExamples: z.number().optional(),
    validation: z.record(z.string(), z.number()).optional(),
  }),
});

export function encodeModel(model: LinearModel): Buffer {
  let maxAbs = 0;
  for (const w of model.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const q = new Int16Array(model.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(model.weights[i]! / scale);
  const lexicon = [...model.lexicon.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([w, v]) => `${w}\t${v}`)
    .join('\n');
  const header = { features: model.features, scale, bias: model.bias, temperature: model.temperature, lexicon, meta: model.meta };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(headerBytes.length, 0);
  const weightBytes = Buffer.alloc(q.length * 2);
  for (let i = 0; i < q.length; i++) weightBytes.writeInt16LE(q[i]!, i * 2);
  const body = gzipSync(Buffer.concat([len, headerBytes, weightBytes]), { level: 9 });
  return Buffer.concat([Buffer.from(MAGIC, 'ascii'), body]);
}

export function decodeModel(file: Buffer): LinearModel {
  if (file.length < 8 || file.subarray(0, 4).toString('ascii') !== MAGIC) throw new ModelFormatError('bad magic');
  let raw: Buffer;
  try {
    raw = gunzipSync(file.subarray(4));
  } catch (err) {
    throw new ModelFormatError('corrupt payload', { cause: err });
  }
  const headerLen = raw.readUInt32LE(0);
  if (4 + headerLen > raw.length) throw new ModelFormatError('truncated header');
  let json: unknown;
  try {
    json = JSON.parse(raw.subarray(4, 4 + headerLen).toString('utf8'));
  } catch (err) {
    throw new ModelFormatError('header is not JSON', { cause: err });
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) throw new ModelFormatError(`bad header: ${parsed.error.message}`);
  const h = parsed.data;
  const n = (1 << h.features.bits) * 3;
  const start = 4 + headerLen;
  if (raw.length !== start + n * 2) throw new ModelFormatError(`expected ${n} weights`);
  const weights = new Float32Array(n);
  for (let i = 0; i < n; i++) weights[i] = raw.readInt16LE(start + i * 2) * h.scale;
  const lexicon = new Map<string, number>();
  for (const line of h.lexicon.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) lexicon.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  return { features: h.features, weights, bias: h.bias, temperature: h.temperature, lexicon, meta: h.meta };
}

/** Short content hash of a model file, for the classifier name. */
export function modelFingerprint(file: Buffer): string {
  return createHash('sha256').update(file).digest('hex').slice(0, 8);
}
