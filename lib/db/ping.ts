import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** Resolves when Postgres answers `select 1`; rejects with the driver's error otherwise. */
export async function pingDatabase(db: Kysely<unknown>): Promise<void> {
  await sql`select 1`.execute(db);
}
