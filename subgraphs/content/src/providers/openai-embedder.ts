import OpenAI from 'openai';
import { EMBEDDING_DIMENSIONS, normalizeVector } from '../domain/embedding';
import type { Embedder } from './embedder';

/** Settings of {@link createOpenAIEmbedder}. */
export interface OpenAIEmbedderOptions {
  apiKey: string;
  /** Any OpenAI-compatible server, e.g. `http://localhost:8000/v1`; OpenAI's when unset. */
  baseURL?: string;
  /** `EMBEDDING_MODEL`, e.g. `text-embedding-3-small`. */
  model: string;
  /** Request timeout (ms). */
  timeoutMs: number;
  /** Retries of a failed request (the SDK's: 408, 409, 429, 5xx and connection errors, exponential backoff honouring `retry-after`). */
  maxRetries?: number;
  /** Texts per request (OpenAI accepts up to 2048 inputs per request). */
  batchSize?: number;
}

/** Texts per embeddings request by default. */
export const EMBEDDING_BATCH_SIZE = 100;

/**
 * Embedder over OpenAI's embeddings API through the `openai` SDK: texts go in batches of
 * `batchSize` per request, each request retried by the SDK (`maxRetries`, default 2). The
 * `text-embedding-3-*` models are asked for {@link EMBEDDING_DIMENSIONS} dimensions (the
 * `dimensions` parameter), so every model fits the same index; vectors are re-normalised to
 * length 1 (OpenAI's already are, compatible servers' may not be). The SDK asks for base64
 * vectors and decodes them (a quarter of the JSON size).
 *
 * @throws the SDK's `APIError` subclasses once its retries are spent, or an `Error` when the
 *   server answers vectors of another length or count
 */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  const client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, timeout: options.timeoutMs, maxRetries: options.maxRetries ?? 2 });
  const batchSize = Math.max(1, options.batchSize ?? EMBEDDING_BATCH_SIZE);
  const dimensions = options.model.startsWith('text-embedding-3') ? { dimensions: EMBEDDING_DIMENSIONS } : {};
  return {
    provider: 'openai',
    model: options.model,
    async embed(texts, signal) {
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        const input = texts.slice(start, start + batchSize);
        const response = await client.embeddings.create({ model: options.model, input, ...dimensions }, { signal });
        const batch = [...response.data].sort((a, b) => a.index - b.index).map((item) => item.embedding);
        if (batch.length !== input.length || batch.some((vector) => vector.length !== EMBEDDING_DIMENSIONS)) {
          throw new Error(`${options.model} answered ${batch.length} vectors of ${batch[0]?.length ?? 0} dimensions for ${input.length} texts; ${EMBEDDING_DIMENSIONS} dimensions are needed`);
        }
        vectors.push(...batch.map((vector) => normalizeVector(vector)));
      }
      return vectors;
    },
  };
}
