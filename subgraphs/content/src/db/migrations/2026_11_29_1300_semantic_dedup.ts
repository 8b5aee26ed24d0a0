import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Semantic dedup and similar posts:
 * - `post_embeddings.model`: the embedding space of the vector (`hashing`, or an OpenAI model such
 *   as `text-embedding-3-small`); vectors are only compared within one model. Existing rows were
 *   written by the hashing embedding.
 * - `post_embeddings.indexed_at`: when the vector reached the external index (Qdrant); null while
 *   it has not (the worker's index sweeper upserts those rows).
 * - Indexes for the exact index's scans (newest vectors of a persona, or of all, per model) and
 *   for the sweeper (rows not yet indexed).
 * - `generation_jobs.error_code` (`DUPLICATE_CONTENT`, `GENERATION_FAILED`),
 *   `generation_jobs.duplicate_of_post_id` (the earlier post a DUPLICATE_CONTENT job duplicates;
 *   no foreign key, so deleting that post keeps the job's record) and
 *   `generation_jobs.regenerations` (texts rewritten because they duplicated an earlier post).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('content');
  await schema
    .alterTable('post_embeddings')
    .addColumn('model', 'text', (c) => c.notNull().defaultTo('hashing'))
    .addColumn('indexed_at', 'timestamptz')
    .execute();
  await schema.createIndex('post_embeddings_persona_model_created').on('post_embeddings').columns(['persona_id', 'model', 'created_at desc', 'post_id desc']).execute();
  await schema.createIndex('post_embeddings_model_created').on('post_embeddings').columns(['model', 'created_at desc', 'post_id desc']).execute();
  await schema.createIndex('post_embeddings_unindexed').on('post_embeddings').column('created_at').where(sql.ref('indexed_at'), 'is', null).execute();
  await schema
    .alterTable('generation_jobs')
    .addColumn('error_code', 'text')
    .addColumn('duplicate_of_post_id', 'uuid')
    .addColumn('regenerations', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

/** Drops the columns and indexes. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('content');
  for (const index of ['post_embeddings_unindexed', 'post_embeddings_model_created', 'post_embeddings_persona_model_created']) {
    await schema.dropIndex(index).ifExists().execute();
  }
  await schema.alterTable('post_embeddings').dropColumn('indexed_at').dropColumn('model').execute();
  await schema.alterTable('generation_jobs').dropColumn('regenerations').dropColumn('duplicate_of_post_id').dropColumn('error_code').execute();
}
