import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Neighbour } from '../../domain/similarity';
import type { ContentDatabase, PostEmbeddingRow } from '../database';
import { CONTENT_SCHEMA } from '../database';

type Db = Kysely<ContentDatabase> | Transaction<ContentDatabase>;

/** Stores a post's embedding once (a redelivered job keeps the first). */
export async function insertEmbeddingOnce(
  db: Db,
  row: { post_id: string; persona_id: string; provider: string; model: string; embedding: number[] },
): Promise<void> {
  await db
    .withSchema(CONTENT_SCHEMA)
    .insertInto('post_embeddings')
    .values(row)
    .onConflict((oc) => oc.column('post_id').doNothing())
    .execute();
}

/** What {@link searchEmbeddings} compares a vector with. */
export interface EmbeddingSearch {
  /** Unit vector of the query. */
  vector: readonly number[];
  /** Only vectors of this embedding model. */
  model: string;
  /** Only this persona's posts; null: every persona's. */
  personaId: string | null;
  /** Leaves this post out. */
  excludePostId?: string | null;
  /** Only vectors not yet in the external index (`indexed_at` null). */
  unindexedOnly?: boolean;
  /** Neighbours returned at most. */
  limit: number;
  /** Newest vectors compared at most (the scan's bound). */
  scanLimit: number;
}

/**
 * Query vectors with at most this many non-zero entries are compared entry by entry
 * (`embedding[i]` for their non-zero `i` only); denser ones with `unnest` over both arrays.
 */
export const SPARSE_QUERY_MAX_ENTRIES = 256;

/**
 * Exact cosine search in SQL: the newest `scanLimit` vectors matching the filters, scored by
 * dot product with the query (vectors are unit length, so the dot product is the cosine), best
 * first (score rounded to 6 decimals, then newest, then post id), at most `limit`.
 *
 * Cost is linear in the vectors scanned. A sparse query (the hashing embedding: about 80
 * non-zeros) reads only its non-zero entries of each row, about 12 µs a row; a dense one
 * (OpenAI) multiplies all 1536 pairs, about 230 µs a row (2000 rows: 25 ms against 0.5 s, on 2
 * cores). Indexing one subscript at a time would detoast a dense row per subscript (seconds).
 */
export async function searchEmbeddings(db: Db, search: EmbeddingSearch): Promise<Neighbour[]> {
  if (search.limit <= 0) return [];
  let recent = db
    .withSchema(CONTENT_SCHEMA)
    .selectFrom('post_embeddings')
    .select(['post_id', 'persona_id', 'created_at', 'embedding'])
    .where('model', '=', search.model);
  if (search.personaId) recent = recent.where('persona_id', '=', search.personaId);
  if (search.excludePostId) recent = recent.where('post_id', '<>', search.excludePostId);
  if (search.unindexedOnly) recent = recent.where('indexed_at', 'is', null);
  const scanned = recent.orderBy('created_at', 'desc').orderBy('post_id', 'desc').limit(search.scanLimit).as('recent');

  const indices: number[] = [];
  const values: number[] = [];
  search.vector.forEach((value, i) => {
    if (value !== 0) {
      indices.push(i + 1);
      values.push(value);
    }
  });
  const score =
    indices.length <= SPARSE_QUERY_MAX_ENTRIES
      ? sql<number>`(select coalesce(sum(recent.embedding[q.i]::float8 * q.v), 0) from unnest(${indices}::int[], ${values}::float8[]) as q(i, v))`
      : sql<number>`(select coalesce(sum(p.a::float8 * p.b), 0) from unnest(recent.embedding, ${[...search.vector]}::float8[]) as p(a, b))`;
  const scored = db.selectFrom(scanned).select(['recent.post_id', 'recent.persona_id', 'recent.created_at', score.as('score')]).as('scored');
  const rows = await db
    .selectFrom(scored)
    .selectAll()
    .orderBy(sql`round(scored.score::numeric, 6)`, 'desc')
    .orderBy('scored.created_at', 'desc')
    .orderBy('scored.post_id', 'desc')
    .limit(search.limit)
    .execute();
  return rows.map((row) => ({ postId: row.post_id, personaId: row.persona_id, score: Number(row.score), createdAt: row.created_at }));
}

/** A stored vector as the vector cache reads it. */
export interface StoredVector {
  post_id: string;
  created_at: Date;
  /** Insertion number (decimal string of a `bigint`). */
  seq: string;
  /** Unit vector (float4 values). */
  embedding: number[];
}

/** A persona's vectors of one model, read in one statement (one snapshot). */
export interface VectorRead {
  /** Rows of the persona and model in the table at that moment. */
  total: number;
  /** The largest `seq` among them ('0' when there are none). */
  lastSeq: string;
  /** The rows read, by `seq` ascending. */
  rows: StoredVector[];
}

/** Which vectors {@link readVectors} reads: those inserted after a `seq`, or the newest `limit`. */
export type VectorSelection = { personaId: string; model: string } & ({ afterSeq: string } | { newest: number });

/**
 * Reads a persona's vectors of one model together with their count and largest `seq`, in one
 * statement so that the three agree: either the rows with `seq` above `afterSeq` (what an
 * up-to-date reader has not seen yet) or the `newest` rows (by `created_at`, then post id, as
 * {@link searchEmbeddings} scans them).
 */
export async function readVectors(db: Db, selection: VectorSelection): Promise<VectorRead> {
  const { personaId, model } = selection;
  const rows =
    'afterSeq' in selection
      ? sql`select post_id, created_at, seq::text as seq, embedding from ${sql.table(`${CONTENT_SCHEMA}.post_embeddings`)}
            where persona_id = ${personaId} and model = ${model} and seq > ${selection.afterSeq}::bigint`
      : sql`select post_id, created_at, seq::text as seq, embedding from ${sql.table(`${CONTENT_SCHEMA}.post_embeddings`)}
            where persona_id = ${personaId} and model = ${model} order by created_at desc, post_id desc limit ${selection.newest}`;
  const result = await sql<StoredVector & { total: number; last_seq: string }>`
    select t.total, t.last_seq, v.post_id, v.created_at, v.seq, v.embedding
    from (select count(*)::int as total, coalesce(max(seq), 0)::text as last_seq
          from ${sql.table(`${CONTENT_SCHEMA}.post_embeddings`)} where persona_id = ${personaId} and model = ${model}) as t
    left join lateral (${rows}) as v on true
    order by v.seq::bigint`.execute(db);
  const first = result.rows[0];
  return {
    total: first?.total ?? 0,
    lastSeq: first?.last_seq ?? '0',
    rows: result.rows.filter((row) => row.post_id !== null).map(({ post_id, created_at, seq, embedding }) => ({ post_id, created_at, seq, embedding })),
  };
}

/** Stored vectors of some posts in one model, in one query. */
export async function findEmbeddingsByPostIds(db: Db, postIds: readonly string[], model: string): Promise<Array<Pick<PostEmbeddingRow, 'post_id' | 'embedding'>>> {
  if (postIds.length === 0) return [];
  return db
    .withSchema(CONTENT_SCHEMA)
    .selectFrom('post_embeddings')
    .select(['post_id', 'embedding'])
    .where('post_id', 'in', postIds)
    .where('model', '=', model)
    .execute();
}

/** Vectors not yet in the external index, created before `olderThan`, oldest first. */
export async function findUnindexedEmbeddings(db: Db, olderThan: Date, limit: number): Promise<PostEmbeddingRow[]> {
  return db
    .withSchema(CONTENT_SCHEMA)
    .selectFrom('post_embeddings')
    .selectAll()
    .where('indexed_at', 'is', null)
    .where('created_at', '<', olderThan)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** Records that these posts' vectors are in the external index. */
export async function markEmbeddingsIndexed(db: Db, postIds: readonly string[]): Promise<void> {
  if (postIds.length === 0) return;
  await db.withSchema(CONTENT_SCHEMA).updateTable('post_embeddings').set({ indexed_at: new Date() }).where('post_id', 'in', postIds).execute();
}

/**
 * Takes the persona's dedup lock until the transaction ends (`pg_advisory_xact_lock` on the
 * hashes of `content.dedup` and the persona id; advisory locks are per database), so that two
 * jobs of one persona check for duplicates and store their posts one after the other.
 */
export async function lockPersonaPosts(trx: Transaction<ContentDatabase>, personaId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`${CONTENT_SCHEMA}.dedup`}), hashtext(${personaId}))`.execute(trx);
}
