import type { Kysely } from 'kysely';

/**
 * Migration step adding `created_by text` (nullable: rows from before authentication have none)
 * to tables of a subgraph's schema: the `sub` of the caller the gateway vouched for.
 */
export async function addCreatedByColumn(db: Kysely<unknown>, schema: string, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await db.schema.withSchema(schema).alterTable(table).addColumn('created_by', 'text').execute();
  }
}

/** Reverse of {@link addCreatedByColumn}. */
export async function dropCreatedByColumn(db: Kysely<unknown>, schema: string, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await db.schema.withSchema(schema).alterTable(table).dropColumn('created_by').execute();
  }
}
