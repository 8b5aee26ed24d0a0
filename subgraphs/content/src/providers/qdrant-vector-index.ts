import type { QdrantClient as QdrantClientClass } from '@qdrant/js-client-rest' with { 'resolution-mode': 'import' };
import { markEmbeddingsIndexed, searchEmbeddings } from '../db/repositories/embeddings';
import { listPersonaIds } from '../db/repositories/personas';
import { EMBEDDING_DIMENSIONS } from '../domain/embedding';
import { rankNeighbours } from '../domain/similarity';
import type { Neighbour } from '../domain/similarity';
import { EXACT_INDEX_SCAN_LIMIT } from './exact-vector-index';
import type { ContentDb, IndexedPost, VectorIndex, VectorQuery } from './vector-index';

/** Settings of {@link createQdrantVectorIndex}. */
export interface QdrantIndexOptions {
  /** `QDRANT_URL`, e.g. `http://localhost:6333`. */
  url: string;
  /** `QDRANT_API_KEY` (sent as the `api-key` header). */
  apiKey?: string;
  /** Request timeout (ms). */
  timeoutMs?: number;
}

// @qdrant/js-client-rest runs as its CommonJS build (`require` condition), which Jest's runtime
// can load; its types are published for the ESM build only, so TypeScript (node16) takes the type
// from there and the class from `require`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { QdrantClient } = require('@qdrant/js-client-rest') as { QdrantClient: typeof QdrantClientClass };

/** Collection of a persona's posts (seed-reference §2.5 names them so; the seed made one for all). */
export function qdrantCollectionName(personaId: string): string {
  return `posts_${personaId}`;
}

/** Payload stored with every point. */
interface PostPayload {
  post_id: string;
  persona_id: string;
  /** ISO 8601. */
  created_at: string;
  model: string;
}

/** Extra candidates asked of Qdrant, so that posts tied at the cut are re-ranked newest first. */
const TIE_CANDIDATES = 10;
/** Collections searched at once when a search spans every persona. */
const SEARCH_FAN_OUT = 8;

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { status?: unknown }).status === 404;
}

/**
 * Qdrant through `@qdrant/js-client-rest` (REST): one collection per persona
 * (`posts_<persona id>`, {@link EMBEDDING_DIMENSIONS}-d, cosine), created on first write; a point
 * per post with the post id as point id (so upserts are idempotent) and the payload `post_id`,
 * `persona_id`, `created_at`, `model`. Searches use the Query API (`POST .../points/query`,
 * Qdrant ≥ 1.10) filtered by `model`; a search over every persona queries each persona's
 * collection ({@link SEARCH_FAN_OUT} at a time) and merges. Vectors not yet upserted (the
 * post-commit upsert failed or has not run) are compared exactly from `post_embeddings`, so a new
 * post is never missed by dedup. Qdrant orders equal scores its own way: ties are re-ranked newest
 * first among the {@link TIE_CANDIDATES} extra candidates asked for.
 *
 * The client's version check (a `GET /` at construction that reports through `console.warn`)
 * is off; the endpoints used are stable across Qdrant 1.10 and later.
 */
export function createQdrantVectorIndex(options: QdrantIndexOptions): VectorIndex {
  const client = new QdrantClient({ url: options.url, apiKey: options.apiKey, timeout: options.timeoutMs ?? 10_000, checkCompatibility: false });
  const ready = new Map<string, Promise<void>>();

  const createIfMissing = async (collection: string): Promise<void> => {
    if ((await client.collectionExists(collection)).exists) return;
    try {
      await client.createCollection(collection, { vectors: { size: EMBEDDING_DIMENSIONS, distance: 'Cosine' } });
    } catch (err) {
      // Created meanwhile by another worker: fine.
      if (!(await client.collectionExists(collection)).exists) throw err;
    }
  };
  const ensureCollection = (collection: string): Promise<void> => {
    let pending = ready.get(collection);
    if (!pending) {
      pending = createIfMissing(collection).catch((err: unknown) => {
        ready.delete(collection);
        throw err;
      });
      ready.set(collection, pending);
    }
    return pending;
  };

  const searchCollection = async (personaId: string, query: VectorQuery): Promise<Neighbour[]> => {
    try {
      const { points } = await client.query(qdrantCollectionName(personaId), {
        query: [...query.vector],
        filter: {
          must: [{ key: 'model', match: { value: query.model } }],
          ...(query.excludePostId ? { must_not: [{ has_id: [query.excludePostId] }] } : {}),
        },
        limit: query.limit + TIE_CANDIDATES,
        with_payload: true,
      });
      return points.map((point) => {
        const payload = point.payload as Partial<PostPayload> | null | undefined;
        return { postId: String(point.id), personaId: payload?.persona_id ?? personaId, score: point.score, createdAt: new Date(payload?.created_at ?? 0) };
      });
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
  };

  return {
    name: 'qdrant',
    external: true,
    async upsert(db: ContentDb, posts: readonly IndexedPost[]) {
      const byPersona = new Map<string, IndexedPost[]>();
      for (const post of posts) byPersona.set(post.personaId, [...(byPersona.get(post.personaId) ?? []), post]);
      for (const [personaId, group] of byPersona) {
        const collection = qdrantCollectionName(personaId);
        await ensureCollection(collection);
        await client.upsert(collection, {
          wait: true,
          points: group.map((post) => ({
            id: post.postId,
            vector: [...post.vector],
            payload: { post_id: post.postId, persona_id: post.personaId, created_at: post.createdAt.toISOString(), model: post.model } satisfies PostPayload,
          })),
        });
        await markEmbeddingsIndexed(db, group.map((post) => post.postId));
      }
    },
    async search(db: ContentDb, query: VectorQuery) {
      if (query.limit <= 0) return [];
      const personaIds = query.personaId ? [query.personaId] : await listPersonaIds(db);
      const found: Neighbour[] = await searchEmbeddings(db, { ...query, unindexedOnly: true, scanLimit: EXACT_INDEX_SCAN_LIMIT });
      for (let i = 0; i < personaIds.length; i += SEARCH_FAN_OUT) {
        const batch = await Promise.all(personaIds.slice(i, i + SEARCH_FAN_OUT).map((personaId) => searchCollection(personaId, query)));
        found.push(...batch.flat());
      }
      return rankNeighbours(uniqueByPost(found), query.limit);
    },
  };
}

/** One neighbour per post (a vector both upserted and not yet marked indexed is found twice). */
function uniqueByPost(neighbours: readonly Neighbour[]): Neighbour[] {
  const best = new Map<string, Neighbour>();
  for (const neighbour of neighbours) {
    const seen = best.get(neighbour.postId);
    if (!seen || neighbour.score > seen.score) best.set(neighbour.postId, neighbour);
  }
  return [...best.values()];
}
