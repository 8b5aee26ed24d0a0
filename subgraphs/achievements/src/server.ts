import { join } from 'node:path';
import { startSubgraph, subgraphAccess } from '../../../lib/server';
import type { RunningService } from '../../../lib/server';
import { achievementsDatabaseUrl } from './config';
import type { AchievementsConfig } from './config';
import { createContextFactory } from './context';
import type { AchievementsContext } from './context';
import { ACHIEVEMENTS_SCHEMA } from './db/database';
import type { AchievementsDatabase } from './db/database';
import { migrations } from './db/migrations';
import { createAchievementsMetrics } from './metrics';
import { resolvers } from './resolvers';
import { prettyLogs } from '../../../lib/logger';

/** Absolute path of the subgraph's SDL. */
export const ACHIEVEMENTS_SCHEMA_PATH = join(__dirname, '..', 'schema.graphql');

/** Options of {@link startAchievementsSubgraph}. */
export interface AchievementsSubgraphOptions {
  /** Called with the SQL of every statement (tests count queries with it). */
  onQuery?: (sql: string) => void;
}

/**
 * Starts the achievements subgraph: Postgres (schema `achievements`, migrated) -> NATS (streams
 * provisioned) -> GraphQL at `/graphql` on `ACHIEVEMENTS_PORT` and `/metrics`, `/healthz`,
 * `/readyz` on `ACHIEVEMENTS_ADMIN_PORT`.
 *
 * @returns the running service; `stop()` stops accepting, drains NATS and closes the pool
 * @throws when Postgres or NATS does not answer, or a migration fails
 */
export async function startAchievementsSubgraph(config: AchievementsConfig, options: AchievementsSubgraphOptions = {}): Promise<RunningService> {
  return startSubgraph<AchievementsDatabase, AchievementsContext>({
    runtime: {
      service: 'achievements',
      databaseUrl: achievementsDatabaseUrl(config),
      dbSchema: ACHIEVEMENTS_SCHEMA,
      migrations,
      natsUrl: config.NATS_URL,
      natsPrefix: config.NATS_PREFIX,
      logLevel: config.LOG_LEVEL,
      logPretty: prettyLogs(config),
      dbPoolMax: config.DB_POOL_MAX,
      onQuery: options.onQuery,
    },
    sdlPath: ACHIEVEMENTS_SCHEMA_PATH,
    setup: (runtime) => ({
      resolvers,
      context: createContextFactory({
        db: runtime.db,
        js: runtime.js,
        subjects: runtime.names.subjects,
        logger: runtime.logger,
        metrics: createAchievementsMetrics(runtime.metrics.registry),
      }),
    }),
    port: config.ACHIEVEMENTS_PORT,
    adminPort: config.ACHIEVEMENTS_ADMIN_PORT,
    access: subgraphAccess('achievements', config),
    exposeErrors: config.NODE_ENV === 'development',
  });
}
