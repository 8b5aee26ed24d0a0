import type { Kysely } from 'kysely';
import { addCreatedByColumn, dropCreatedByColumn } from '../../../../../lib/db';

const TABLES = ['personas', 'generation_jobs'];

/** Records who created personas and generation jobs: the caller's `sub` from the gateway credential. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await addCreatedByColumn(db, 'content', TABLES);
}

/** Drops the `created_by` columns. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await dropCreatedByColumn(db, 'content', TABLES);
}
