import { LRUCache } from 'lru-cache';
import { readVectors } from '../db/repositories/embeddings';
import type { StoredVector, VectorRead } from '../db/repositories/embeddings';
import { rankNeighbours } from '../domain/similarity';
import type { Neighbour } from '../domain/similarity';
import type { ContentDb, VectorQuery } from './vector-index';

/** Settings of a {@link PersonaVectorCache}. */
export interface PersonaVectorCacheOptions {
  /** Newest vectors kept (and compared) per persona and model, as the SQL scan's bound. */
  scanLimit: number;
  /** Memory the cached vectors may take, bytes (least recently searched personas are dropped first). */
  maxBytes: number;
}

/** A cached vector: sparse (index and value of its non-zero entries) or dense. */
interface CachedVector {
  postId: string;
  createdAt: Date;
  /** Indices of the non-zero entries (sparse), or null (dense: `values` is the whole vector). */
  indices: Uint16Array | null;
  values: Float32Array;
}

/** The cached newest vectors of one persona in one model. */
interface PersonaVectors {
  /** Newest first (created_at, then post id, descending), at most `scanLimit`. */
  vectors: CachedVector[];
  /** Rows of the persona and model in the table when last read (kept or not). */
  total: number;
  /** The largest `seq` read. */
  lastSeq: string;
  /** Bytes the vectors take, about. */
  bytes: number;
}

/** Dense vectors with at most this share of non-zero entries are kept sparse (the hashing embedding has about 5 %). */
const SPARSE_SHARE = 0.25;

/**
 * An in-process copy of the newest `scanLimit` vectors of each (persona, model) of
 * `post_embeddings`, so that the generation job's duplicate search compares vectors in memory
 * instead of reading and de-TOASTing some thousands of 6 KB arrays per job in Postgres (the
 * exact SQL scan, `searchEmbeddings`, was the worker pipeline's bottleneck: issue 11's bench).
 *
 * Consistency: every search first brings the persona's copy up to date with `db`, in one
 * statement that reads the rows inserted since the last read (`seq` above the largest seen)
 * together with the persona's row count. Vectors are inserted under the persona's dedup lock, so
 * `seq` grows in commit order and that read sees every new row; if the count says otherwise (a
 * row committed out of order, rows deleted), the copy is read again from scratch. A search
 * therefore finds what the SQL scan would: the same rows, the same scores (float4 values times
 * the query, summed in double precision), ranked by {@link rankNeighbours}. `db` must not hold
 * uncommitted vectors of the persona (the generation job searches before it inserts).
 *
 * Updates of one persona are serialised; memory is bounded by `maxBytes` with an LRU
 * (`lru-cache`). Considered: pgvector (not installable on the machine's Postgres) and Qdrant
 * (`QDRANT_URL`, an external service; this is the default offline path).
 */
export class PersonaVectorCache {
  private readonly personas: LRUCache<string, PersonaVectors>;
  /** Per key, the update in progress (searches of one persona wait for each other's). */
  private readonly updates = new Map<string, Promise<unknown>>();

  constructor(private readonly options: PersonaVectorCacheOptions) {
    this.personas = new LRUCache<string, PersonaVectors>({ maxSize: options.maxBytes, sizeCalculation: (entry) => Math.max(1, entry.bytes) });
  }

  /**
   * The `limit` nearest of the persona's newest `scanLimit` vectors of `query.model`, best first,
   * after bringing the copy up to date with `db`.
   *
   * @throws the database's error (the persona's copy is dropped and read again next time)
   */
  async search(db: ContentDb, query: VectorQuery & { personaId: string }): Promise<Neighbour[]> {
    if (query.limit <= 0) return [];
    const key = `${query.personaId}\u0000${query.model}`;
    const previous = this.updates.get(key) ?? Promise.resolve();
    const update = previous.catch(() => undefined).then(() => this.update(db, key, query.personaId, query.model));
    this.updates.set(key, update);
    try {
      const entry = await update;
      return rankNeighbours(score(entry.vectors, query), query.limit);
    } catch (err) {
      this.personas.delete(key);
      throw err;
    } finally {
      if (this.updates.get(key) === update) this.updates.delete(key);
    }
  }

  private async update(db: ContentDb, key: string, personaId: string, model: string): Promise<PersonaVectors> {
    const cached = this.personas.get(key);
    if (cached) {
      const read = await readVectors(db, { personaId, model, afterSeq: cached.lastSeq });
      if (cached.total + read.rows.length === read.total) {
        const entry = merge(cached, read, this.options.scanLimit);
        this.personas.set(key, entry);
        return entry;
      }
    }
    const entry = merge({ vectors: [], total: 0, lastSeq: '0', bytes: 0 }, await readVectors(db, { personaId, model, newest: this.options.scanLimit }), this.options.scanLimit);
    this.personas.set(key, entry);
    return entry;
  }
}

/** `entry` with the rows of `read` added, newest first, trimmed to `scanLimit`. */
function merge(entry: PersonaVectors, read: VectorRead, scanLimit: number): PersonaVectors {
  if (read.rows.length === 0) return { ...entry, total: read.total, lastSeq: read.lastSeq };
  const vectors = [...entry.vectors, ...read.rows.map(toCached)].sort(newestFirst).slice(0, scanLimit);
  return { vectors, total: read.total, lastSeq: read.lastSeq, bytes: vectors.reduce((sum, v) => sum + v.values.byteLength + (v.indices?.byteLength ?? 0) + 64, 0) };
}

function newestFirst(a: CachedVector, b: CachedVector): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || (a.postId < b.postId ? 1 : a.postId > b.postId ? -1 : 0);
}

function toCached(row: StoredVector): CachedVector {
  const nonZero: number[] = [];
  row.embedding.forEach((value, i) => {
    if (value !== 0) nonZero.push(i);
  });
  if (nonZero.length > row.embedding.length * SPARSE_SHARE || row.embedding.length > 0xffff) {
    return { postId: row.post_id, createdAt: row.created_at, indices: null, values: Float32Array.from(row.embedding) };
  }
  return { postId: row.post_id, createdAt: row.created_at, indices: Uint16Array.from(nonZero), values: Float32Array.from(nonZero, (i) => row.embedding[i]!) };
}

/** Dot products of the query with every cached vector but the excluded post's. */
function score(vectors: readonly CachedVector[], query: VectorQuery): Neighbour[] {
  const q = Float64Array.from(query.vector);
  const personaId = query.personaId!;
  const found: Neighbour[] = [];
  for (const v of vectors) {
    if (v.postId === query.excludePostId) continue;
    let sum = 0;
    if (v.indices) {
      for (let k = 0; k < v.indices.length; k++) sum += v.values[k]! * (q[v.indices[k]!] ?? 0);
    } else {
      const n = Math.min(v.values.length, q.length);
      for (let i = 0; i < n; i++) sum += v.values[i]! * q[i]!;
    }
    found.push({ postId: v.postId, personaId, score: sum, createdAt: v.createdAt });
  }
  return found;
}
