import { join } from 'node:path';
import { startSubgraph, subgraphAccess } from '../../../lib/server';
import type { RunningService } from '../../../lib/server';
import { emotionDatabaseUrl } from './config';
import type { EmotionConfig } from './config';
import { createContextFactory } from './context';
import type { EmotionContext } from './context';
import { EMOTION_SCHEMA } from './db/database';
import type { EmotionDatabase } from './db/database';
import { migrations } from './db/migrations';
import { createEmotionMetrics } from './metrics';
import { resolvers } from './resolvers';
import { prettyLogs } from '../../../lib/logger';

/** Path of the subgraph's SDL. */
export const EMOTION_SCHEMA_PATH = join(__dirname, '..', 'schema.graphql');

/** Options of {@link startEmotionSubgraph}. */
export interface EmotionSubgraphOptions {
  /** Called for every SQL statement (tests count queries with it). */
  onQuery?: (sql: string) => void;
}

/**
 * Starts the emotion subgraph: opens the runtime (Postgres migrated to the latest `emotion`
 * schema, NATS with streams provisioned), then serves GraphQL on `EMOTION_PORT` and admin
 * endpoints on `EMOTION_ADMIN_PORT`.
 *
 * @throws when Postgres or NATS does not answer, or a migration fails
 */
export async function startEmotionSubgraph(config: EmotionConfig, options: EmotionSubgraphOptions = {}): Promise<RunningService> {
  return startSubgraph<EmotionDatabase, EmotionContext>({
    runtime: {
      service: 'emotion',
      databaseUrl: emotionDatabaseUrl(config),
      dbSchema: EMOTION_SCHEMA,
      migrations,
      natsUrl: config.NATS_URL,
      natsPrefix: config.NATS_PREFIX,
      logLevel: config.LOG_LEVEL,
      logPretty: prettyLogs(config),
      dbPoolMax: config.DB_POOL_MAX,
      onQuery: options.onQuery,
    },
    sdlPath: EMOTION_SCHEMA_PATH,
    setup: (runtime) => ({
      resolvers,
      context: createContextFactory(runtime.db, createEmotionMetrics(runtime.metrics.registry)),
    }),
    port: config.EMOTION_PORT,
    adminPort: config.EMOTION_ADMIN_PORT,
    access: subgraphAccess('emotion', config),
    exposeErrors: config.NODE_ENV === 'development',
  });
}
