import type { Kysely, Transaction } from 'kysely';
import type { ContentDatabase } from '../database';
import { CONTENT_SCHEMA } from '../database';

type Db = Kysely<ContentDatabase> | Transaction<ContentDatabase>;

/** Stores a post's embedding once (a redelivered job keeps the first). */
export async function insertEmbeddingOnce(
  db: Db,
  row: { post_id: string; persona_id: string; provider: string; embedding: number[] },
): Promise<void> {
  await db
    .withSchema(CONTENT_SCHEMA)
    .insertInto('post_embeddings')
    .values(row)
    .onConflict((oc) => oc.column('post_id').doNothing())
    .execute();
}
