import type { Kysely, Migration } from 'kysely';
import { createDatabase, migrateToLatest } from '../../lib/db';
import type { Logger } from '../../lib/logger';
import { achievementsDatabaseUrl, loadAchievementsConfig } from '../../subgraphs/achievements/src/config';
import { ACHIEVEMENTS_SCHEMA } from '../../subgraphs/achievements/src/db/database';
import { migrations as achievementsMigrations } from '../../subgraphs/achievements/src/db/migrations';
import { contentDatabaseUrl, loadContentConfig } from '../../subgraphs/content/src/config';
import { CONTENT_SCHEMA } from '../../subgraphs/content/src/db/database';
import { migrations as contentMigrations } from '../../subgraphs/content/src/db/migrations';
import { emotionDatabaseUrl, loadEmotionConfig } from '../../subgraphs/emotion/src/config';
import { EMOTION_SCHEMA } from '../../subgraphs/emotion/src/db/database';
import { migrations as emotionMigrations } from '../../subgraphs/emotion/src/db/migrations';
import { experimentsDatabaseUrl, loadExperimentsConfig } from '../../subgraphs/experiments/src/config';
import { EXPERIMENTS_SCHEMA } from '../../subgraphs/experiments/src/db/database';
import { migrations as experimentsMigrations } from '../../subgraphs/experiments/src/db/migrations';

/** What {@link migrateAll} did to one subgraph's schema. */
export interface SchemaMigration {
  /** Postgres schema, e.g. `content`. */
  schema: string;
  /** Names of the migrations applied by this run (empty when it was up to date). */
  applied: string[];
}

/**
 * Migrates the schemas of the four subgraphs (`content`, `achievements`, `experiments`,
 * `emotion`) to their latest version, one after the other, each through its own one-connection
 * pool on its subgraph's database (`<NAME>_DATABASE_URL`, else `DATABASE_URL`). Logs one line
 * per schema.
 *
 * @param env the environment the subgraphs' configs are parsed from
 * @returns one entry per schema, in the order above
 * @throws {ConfigError} when a subgraph's configuration is invalid
 * @throws the first migration error (that migration is rolled back; later schemas are not touched)
 */
export async function migrateAll(env: NodeJS.ProcessEnv, logger: Logger): Promise<SchemaMigration[]> {
  const targets: Array<{ schema: string; url: string; migrations: Record<string, Migration> }> = [
    { schema: CONTENT_SCHEMA, url: contentDatabaseUrl(loadContentConfig(env)), migrations: contentMigrations },
    { schema: ACHIEVEMENTS_SCHEMA, url: achievementsDatabaseUrl(loadAchievementsConfig(env)), migrations: achievementsMigrations },
    { schema: EXPERIMENTS_SCHEMA, url: experimentsDatabaseUrl(loadExperimentsConfig(env)), migrations: experimentsMigrations },
    { schema: EMOTION_SCHEMA, url: emotionDatabaseUrl(loadEmotionConfig(env)), migrations: emotionMigrations },
  ];
  const results: SchemaMigration[] = [];
  for (const target of targets) {
    const db: Kysely<unknown> = createDatabase({ url: target.url, max: 1, applicationName: 'migrate' });
    try {
      const applied = await migrateToLatest(db, target.schema, target.migrations);
      logger.info({ schema: target.schema, applied }, applied.length ? 'migrated' : 'already up to date');
      results.push({ schema: target.schema, applied });
    } finally {
      await db.destroy();
    }
  }
  return results;
}
