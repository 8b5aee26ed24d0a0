import type { Kysely } from 'kysely';

/**
 * `post_embeddings.seq`: an identity number given to each vector as it is inserted, so that the
 * in-process cache of a persona's vectors (`providers/persona-vector-cache.ts`) reads only the
 * rows it has not seen (`seq` greater than the last one it read), with an index on
 * (persona, model, seq). Existing rows are numbered by the migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('content');
  await schema.alterTable('post_embeddings').addColumn('seq', 'bigint', (c) => c.notNull().generatedByDefaultAsIdentity()).execute();
  await schema.createIndex('post_embeddings_persona_model_seq').on('post_embeddings').columns(['persona_id', 'model', 'seq']).execute();
}

/** Drops `post_embeddings.seq` and its index. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('content');
  await schema.dropIndex('post_embeddings_persona_model_seq').ifExists().execute();
  await schema.alterTable('post_embeddings').dropColumn('seq').execute();
}
