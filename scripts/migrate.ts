import type { Kysely, Migration } from 'kysely';
import { createDatabase, migrateToLatest } from '../lib/db';
import { createLogger } from '../lib/logger';
import { achievementsDatabaseUrl, loadAchievementsConfig } from '../subgraphs/achievements/src/config';
import { ACHIEVEMENTS_SCHEMA } from '../subgraphs/achievements/src/db/database';
import { migrations as achievementsMigrations } from '../subgraphs/achievements/src/db/migrations';
import { contentDatabaseUrl, loadContentConfig } from '../subgraphs/content/src/config';
import { CONTENT_SCHEMA } from '../subgraphs/content/src/db/database';
import { migrations as contentMigrations } from '../subgraphs/content/src/db/migrations';
import { emotionDatabaseUrl, loadEmotionConfig } from '../subgraphs/emotion/src/config';
import { EMOTION_SCHEMA } from '../subgraphs/emotion/src/db/database';
import { migrations as emotionMigrations } from '../subgraphs/emotion/src/db/migrations';
import { experimentsDatabaseUrl, loadExperimentsConfig } from '../subgraphs/experiments/src/config';
import { EXPERIMENTS_SCHEMA } from '../subgraphs/experiments/src/db/database';
import { migrations as experimentsMigrations } from '../subgraphs/experiments/src/db/migrations';

/** `npm run migrate`: migrates every subgraph's schema to the latest version, then exits. */
async function main(): Promise<void> {
  const logger = createLogger('migrate', process.env.LOG_LEVEL ?? 'info');
  const targets: Array<{ schema: string; url: string; migrations: Record<string, Migration> }> = [
    { schema: CONTENT_SCHEMA, url: contentDatabaseUrl(loadContentConfig(process.env)), migrations: contentMigrations },
    { schema: ACHIEVEMENTS_SCHEMA, url: achievementsDatabaseUrl(loadAchievementsConfig(process.env)), migrations: achievementsMigrations },
    { schema: EXPERIMENTS_SCHEMA, url: experimentsDatabaseUrl(loadExperimentsConfig(process.env)), migrations: experimentsMigrations },
    { schema: EMOTION_SCHEMA, url: emotionDatabaseUrl(loadEmotionConfig(process.env)), migrations: emotionMigrations },
  ];
  for (const target of targets) {
    const db: Kysely<unknown> = createDatabase({ url: target.url, max: 1, applicationName: 'migrate' });
    try {
      const applied = await migrateToLatest(db, target.schema, target.migrations);
      logger.info({ schema: target.schema, applied }, applied.length ? 'migrated' : 'already up to date');
    } finally {
      await db.destroy();
    }
  }
}

main().catch((err: unknown) => {
  createLogger('migrate').fatal({ err }, 'migration failed');
  process.exit(1);
});
