import { searchEmbeddings } from '../db/repositories/embeddings';
import type { VectorIndex } from './vector-index';

/**
 * Vectors the exact index compares per search at most: the newest of the persona (or of all
 * personas), so a search costs at most this many dot products (about 25 ms for hashing vectors,
 * 0.5 s for dense OpenAI ones, on 2 cores); older posts are not found. Qdrant has no such limit.
 */
export const EXACT_INDEX_SCAN_LIMIT = 2000;

/**
 * The exact cosine index in the content schema: `post_embeddings` rows, scored in SQL (see
 * `searchEmbeddings`), over the newest {@link EXACT_INDEX_SCAN_LIMIT} vectors of the persona.
 * Rows are written with their posts, so `upsert` has nothing to do.
 */
export function createExactVectorIndex(): VectorIndex {
  return {
    name: 'exact',
    external: false,
    upsert: async () => undefined,
    search: (db, query) => searchEmbeddings(db, { ...query, scanLimit: EXACT_INDEX_SCAN_LIMIT }),
  };
}
