import { searchEmbeddings } from '../db/repositories/embeddings';
import { PersonaVectorCache } from './persona-vector-cache';
import type { VectorIndex } from './vector-index';

/**
 * Vectors the exact index compares per search at most: the newest of the persona (or of all
 * personas); older posts are not found. Qdrant has no such limit.
 */
export const EXACT_INDEX_SCAN_LIMIT = 2000;

/**
 * Memory the exact index's in-process copy of persona vectors may take (bytes): about 50
 * personas' 2,000 dense 1,536-dimension OpenAI vectors, or 500 personas' sparse hashing ones.
 */
export const EXACT_INDEX_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * The exact cosine index on the content schema's `post_embeddings` rows, over the newest
 * {@link EXACT_INDEX_SCAN_LIMIT} vectors. A search within one persona (the generation job's
 * duplicate check, a post's similar posts) compares the vectors in memory, from a
 * {@link PersonaVectorCache} brought up to date with the database at each search (about 0.2 ms
 * for 2,000 hashing vectors); a search across personas is scored in SQL (`searchEmbeddings`).
 * Rows are written with their posts, so `upsert` has nothing to do.
 */
export function createExactVectorIndex(): VectorIndex {
  const cache = new PersonaVectorCache({ scanLimit: EXACT_INDEX_SCAN_LIMIT, maxBytes: EXACT_INDEX_CACHE_BYTES });
  return {
    name: 'exact',
    external: false,
    upsert: async () => undefined,
    search: (db, query) => {
      const { personaId } = query;
      return personaId ? cache.search(db, { ...query, personaId }) : searchEmbeddings(db, { ...query, scanLimit: EXACT_INDEX_SCAN_LIMIT });
    },
  };
}
