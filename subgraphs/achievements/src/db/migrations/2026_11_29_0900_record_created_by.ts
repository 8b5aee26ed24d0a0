import type { Kysely } from 'kysely';
import { addCreatedByColumn, dropCreatedByColumn } from '../../../../../lib/db';

const TABLES = ['achievements'];

/** Records who created achievements: the caller's `sub` from the gateway credential. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await addCreatedByColumn(db, 'achievements', TABLES);
}

/** Drops the `created_by` columns. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await dropCreatedByColumn(db, 'achievements', TABLES);
}
