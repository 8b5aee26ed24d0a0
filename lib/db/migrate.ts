import { Migrator, sql } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';

/** Static migration provider: migrations keyed by file name (`YYYY_MM_DD_HHMM_<verb>_<noun>`). */
class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

/**
 * Creates the Postgres schema if needed and migrates it to the latest version. The migration
 * tables live in that schema, so each subgraph migrates independently.
 *
 * @param db any Kysely instance on the target database
 * @param schema the subgraph's Postgres schema (e.g. `content`)
 * @param migrations map of migration name to `{ up, down }`
 * @returns names of the migrations applied by this call
 * @throws the first migration error (the failing migration is rolled back)
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  schema: string,
  migrations: Record<string, Migration>,
): Promise<string[]> {
  await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  const migrator = new Migrator({
    db,
    provider: new StaticMigrationProvider(migrations),
    migrationTableSchema: schema,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
