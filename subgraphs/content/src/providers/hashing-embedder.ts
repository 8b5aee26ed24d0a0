import { hashingEmbedding } from '../domain/embedding';
import type { Embedder } from './embedder';

/** Model name of {@link hashingEmbedding} vectors (rows written before models were recorded have it too). */
export const HASHING_EMBEDDING_MODEL = 'hashing';

/** The offline embedder: deterministic feature hashing, no network (see {@link hashingEmbedding}). */
export function createHashingEmbedder(): Embedder {
  return {
    provider: 'hashing',
    model: HASHING_EMBEDDING_MODEL,
    embed: async (texts) => texts.map((text) => hashingEmbedding(text)),
  };
}
