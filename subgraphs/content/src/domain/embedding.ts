import { createHash } from 'node:crypto';

/** Dimensions of post embeddings (as OpenAI `text-embedding-3-small`). */
export const EMBEDDING_DIMENSIONS = 1536;

/** Lower-cased word tokens (letters, digits, apostrophes) of a text. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

/**
 * Deterministic feature-hashing embedding (the "hashing trick", Weinberger et al. 2009): every
 * word unigram and bigram adds ±1 to one of `dimensions` buckets chosen by its SHA-256 digest
 * (bytes 0..3 pick the bucket, byte 4 the sign); the vector is then L2-normalised so cosine
 * similarity is a dot product.
 *
 * Lexical, not semantic: case, punctuation and spacing are ignored, so the same words score 1;
 * measured cosines (tests/unit/content/embedding.test.ts, an 18-word text): one word changed,
 * 0.92; a light paraphrase (three words), 0.84; a rewording, 0.47; unrelated texts, 0.00..0.04.
 * Sparse: a post has about 80 non-zero entries of 1536, which the exact index exploits.
 *
 * @returns a unit vector of `dimensions` numbers (all zero for a text without words)
 */
export function hashingEmbedding(text: string, dimensions = EMBEDDING_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = tokenize(text);
  const features = [...words, ...words.slice(1).map((word, i) => `${words[i]} ${word}`)];
  for (const feature of features) {
    const digest = createHash('sha256').update(feature).digest();
    const bucket = digest.readUInt32BE(0) % dimensions;
    vector[bucket] = (vector[bucket] ?? 0) + ((digest[4] ?? 0) & 1 ? 1 : -1);
  }
  return normalizeVector(vector);
}

/** The vector scaled to length 1 (cosine becomes a dot product); the zero vector stays zero. */
export function normalizeVector(vector: readonly number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
  return norm === 0 ? [...vector] : vector.map((v) => v / norm);
}

/** Cosine similarity of two vectors of the same length (-1..1; 0 when one is all zero). */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
