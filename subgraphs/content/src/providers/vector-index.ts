import type { Kysely, Transaction } from 'kysely';
import type { ContentDatabase } from '../db/database';
import type { Neighbour } from '../domain/similarity';

/** The content database, or a transaction on it. */
export type ContentDb = Kysely<ContentDatabase> | Transaction<ContentDatabase>;

/** A post's vector as an index stores it. */
export interface IndexedPost {
  postId: string;
  personaId: string;
  /** Embedding model of the vector. */
  model: string;
  createdAt: Date;
  /** Unit vector, `EMBEDDING_DIMENSIONS` long. */
  vector: readonly number[];
}

/** What to search for. */
export interface VectorQuery {
  /** Unit vector of the query text or post. */
  vector: readonly number[];
  /** Only vectors of this embedding model (vectors of two models are not comparable). */
  model: string;
  /** Only this persona's posts; null: every persona's. */
  personaId: string | null;
  /** Leaves this post out (the post whose neighbours are asked for). */
  excludePostId?: string | null;
  /** Neighbours wanted. */
  limit: number;
}

/**
 * Nearest-neighbour search over post embeddings by cosine similarity. Implementations: the exact
 * index in the content schema (`post_embeddings`, the default) and Qdrant (`QDRANT_URL`).
 *
 * Every post's vector is written to `post_embeddings` in the post's own transaction, whatever the
 * index: it is the exact index itself, and the source an external index is filled from.
 */
export interface VectorIndex {
  /** `exact` or `qdrant`. */
  readonly name: string;
  /** True when vectors must be copied to the index after the post's commit (`upsert`, the index sweeper). */
  readonly external: boolean;
  /**
   * Copies vectors into the index, idempotently by post id, and marks them indexed in `db`
   * (nothing to do for the exact index).
   *
   * @throws when the index cannot be written (the caller logs it; the index sweeper retries)
   */
  upsert(db: ContentDb, posts: readonly IndexedPost[]): Promise<void>;
  /**
   * The `limit` nearest posts, best first (ties: newest first). `db` is read by the exact index,
   * and by an external one for the vectors it has not received yet, so a post is found from the
   * moment it is committed; in the generation job it is the transaction holding the persona's
   * dedup lock.
   */
  search(db: ContentDb, query: VectorQuery): Promise<Neighbour[]>;
}
