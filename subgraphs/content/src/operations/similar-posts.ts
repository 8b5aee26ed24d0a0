import type { Kysely } from 'kysely';
import type { ContentDatabase, PostRow } from '../db/database';
import { findPostsByIds } from '../db/repositories/posts';
import { rankNeighbours, similarityScore } from '../domain/similarity';
import type { Embedder } from '../providers/embedder';
import type { VectorIndex } from '../providers/vector-index';

/** What the similarity searches need (the same embedder and index as the generation job). */
export interface SimilarityDeps {
  db: Kysely<ContentDatabase>;
  embedder: Embedder;
  vectorIndex: VectorIndex;
}

/** `SimilarPost`: a post and its similarity score (0..1). */
export interface SimilarPostResult {
  post: PostRow;
  score: number;
}

/** Where to search near a vector. */
export interface NearQuery {
  /** Unit vector in the embedder's model. */
  vector: readonly number[];
  /** Only this persona's posts; null: every persona's. */
  personaId: string | null;
  /** Leaves this post out. */
  excludePostId?: string;
  /** Results wanted, 0..100. */
  first: number;
}

/**
 * The posts nearest to a vector, best first (equal scores: newest first), with their scores
 * (see `similarityScore`). Index entries whose post no longer exists are skipped.
 */
export async function similarPostsNear(deps: SimilarityDeps, query: NearQuery): Promise<SimilarPostResult[]> {
  if (query.first <= 0) return [];
  const neighbours = await deps.vectorIndex.search(deps.db, {
    vector: query.vector,
    model: deps.embedder.model,
    personaId: query.personaId,
    excludePostId: query.excludePostId ?? null,
    limit: query.first,
  });
  const posts = new Map((await findPostsByIds(deps.db, neighbours.map((n) => n.postId))).map((post) => [post.id, post]));
  return rankNeighbours(neighbours, query.first).flatMap((neighbour) => {
    const post = posts.get(neighbour.postId);
    return post ? [{ post, score: similarityScore(neighbour.score) }] : [];
  });
}

/**
 * `similarPosts(text, personaId, first)`: the posts most similar to a text, which is embedded
 * the way posts are (the hashing embedding, or `EMBEDDING_MODEL`).
 *
 * @throws the embedder's error (OpenAI unavailable after its retries)
 */
export async function similarPostsToText(deps: SimilarityDeps, input: { text: string; personaId: string | null; first: number }): Promise<SimilarPostResult[]> {
  if (input.first <= 0) return [];
  const [vector] = await deps.embedder.embed([input.text]);
  return similarPostsNear(deps, { vector: vector ?? [], personaId: input.personaId, first: input.first });
}
