import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { createDatabase, migrateToLatest } from '../../../lib/db';
import { achievementsSubgraph } from '../../../subgraphs/achievements/src/config';
import { contentSubgraph } from '../../../subgraphs/content/src/config';
import { emotionSubgraph } from '../../../subgraphs/emotion/src/config';
import { experimentsSubgraph } from '../../../subgraphs/experiments/src/config';
import { createTestDatabase } from '../../support/database';
import type { TestDatabase } from '../../support/database';

const SUBGRAPHS = [contentSubgraph, achievementsSubgraph, experimentsSubgraph, emotionSubgraph];

/** Tables (with their columns) and constraints of a schema, to compare two migrations of it. */
async function shape(db: Kysely<unknown>, schema: string): Promise<string[]> {
  const columns = await sql<{ item: string }>`
    select table_name || '.' || column_name || ':' || data_type || ':' || is_nullable || ':' || coalesce(column_default, '') as item
    from information_schema.columns where table_schema = ${schema} and table_name not like 'kysely_%'`.execute(db);
  const constraints = await sql<{ item: string }>`
    select conrelid::regclass::text || ':' || conname || ':' || pg_get_constraintdef(oid) as item
    from pg_constraint where connamespace = ${schema}::regnamespace and conrelid::regclass::text not like '%kysely_%'`.execute(db);
  const indexes = await sql<{ item: string }>`select indexdef as item from pg_indexes where schemaname = ${schema} and tablename not like 'kysely_%'`.execute(db);
  return [...columns.rows, ...constraints.rows, ...indexes.rows].map((row) => row.item).sort();
}

describe('every migration can be undone', () => {
  let database: TestDatabase;
  let db: Kysely<unknown>;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDatabase<unknown>({ url: database.url, max: 2 });
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it.each(SUBGRAPHS.map((subgraph) => [subgraph.dbSchema, subgraph.migrations] as const))(
    'migrates %s down to nothing and up again to the same shape',
    async (schema, migrations: Record<string, Migration>) => {
      await migrateToLatest(db, schema, migrations);
      const latest = await shape(db, schema);
      expect(latest.length).toBeGreaterThan(0);
      const provider: MigrationProvider = { getMigrations: async () => migrations };
      const migrator = new Migrator({ db, provider, migrationTableSchema: schema });
      const down = await migrator.migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      expect(down.results?.map((r) => r.status)).toEqual(Object.keys(migrations).map(() => 'Success'));
      expect(await shape(db, schema)).toEqual([]);
      expect(await migrateToLatest(db, schema, migrations)).toEqual(Object.keys(migrations).sort());
      expect(await shape(db, schema)).toEqual(latest);
    },
  );
});
