import type { Kysely } from 'kysely';
import { addCreatedByColumn, dropCreatedByColumn } from '../../../../../lib/db';

const TABLES = ['experiments'];

/** Records who created experiments: the caller's `sub` from the gateway credential. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await addCreatedByColumn(db, 'experiments', TABLES);
}

/** Drops the `created_by` columns. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await dropCreatedByColumn(db, 'experiments', TABLES);
}
