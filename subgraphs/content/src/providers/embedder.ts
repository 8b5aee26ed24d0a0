/**
 * Turns texts into {@link EMBEDDING_DIMENSIONS}-d unit vectors (cosine = dot product).
 * Implementations: the hashing embedding (offline default) and OpenAI's embeddings API.
 *
 * @see ../domain/embedding.ts for `EMBEDDING_DIMENSIONS`
 */
export interface Embedder {
  /** Who computes the vectors, stored with them: `hashing` or `openai`. */
  readonly provider: string;
  /** Embedding space, stored with every vector: only vectors of one model are compared. */
  readonly model: string;
  /**
   * One unit vector per text, in order.
   *
   * @throws on provider errors (after the provider's own retries)
   */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
}
