import type { Kysely } from 'kysely';
import { createDatabase, migrateToLatest } from '../../lib/db';
import type { Logger } from '../../lib/logger';
import type { ServiceConfig, SubgraphBase } from '../../lib/server';
import { loadAchievementsConfig } from '../../subgraphs/achievements/src/config';
import { achievementsSubgraph } from '../../subgraphs/achievements/src/config';
import { loadContentConfig } from '../../subgraphs/content/src/config';
import { contentSubgraph } from '../../subgraphs/content/src/config';
import { loadEmotionConfig } from '../../subgraphs/emotion/src/config';
import { emotionSubgraph } from '../../subgraphs/emotion/src/config';
import { loadExperimentsConfig } from '../../subgraphs/experiments/src/config';
import { experimentsSubgraph } from '../../subgraphs/experiments/src/config';

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
  const target = <Config extends ServiceConfig>(subgraph: SubgraphBase<Config>, config: Config) => ({
    schema: subgraph.dbSchema,
    migrations: subgraph.migrations,
    url: subgraph.endpoints(config).databaseUrl,
  });
  const targets = [
    target(contentSubgraph, loadContentConfig(env)),
    target(achievementsSubgraph, loadAchievementsConfig(env)),
    target(experimentsSubgraph, loadExperimentsConfig(env)),
    target(emotionSubgraph, loadEmotionConfig(env)),
  ];
  const results: SchemaMigration[] = [];
  for (const { schema, migrations, url } of targets) {
    const db: Kysely<unknown> = createDatabase({ url, max: 1, applicationName: 'migrate' });
    try {
      const applied = await migrateToLatest(db, schema, migrations);
      logger.info({ schema, applied }, applied.length ? 'migrated' : 'already up to date');
      results.push({ schema, applied });
    } finally {
      await db.destroy();
    }
  }
  return results;
}
