import { join } from 'node:path';
import { startSubgraph, subgraphAccess } from '../../../lib/server';
import type { RunningService } from '../../../lib/server';
import { contentDatabaseUrl } from './config';
import type { ContentConfig } from './config';
import { createContextFactory } from './context';
import type { ContentContext } from './context';
import { CONTENT_SCHEMA } from './db/database';
import type { ContentDatabase } from './db/database';
import { migrations } from './db/migrations';
import { registerContentKpis } from './metrics';
import { resolvers } from './resolvers';
import { prettyLogs } from '../../../lib/logger';

/** Path of the content subgraph's SDL. */
export const CONTENT_SCHEMA_PATH = join(__dirname, '..', 'schema.graphql');

/** Options of {@link startContentSubgraph}. */
export interface ContentSubgraphOptions {
  /** Called with every SQL statement (tests count queries with it). */
  onQuery?: (sql: string) => void;
}

/**
 * Starts the content subgraph: Postgres (schema `content`, migrated) -> NATS (streams
 * provisioned) -> GraphQL on `CONTENT_PORT` and admin endpoints on `CONTENT_ADMIN_PORT`.
 *
 * @throws when Postgres or NATS does not answer, or a migration fails
 */
export async function startContentSubgraph(config: ContentConfig, options: ContentSubgraphOptions = {}): Promise<RunningService> {
  return startSubgraph<ContentDatabase, ContentContext>({
    runtime: {
      service: 'content',
      databaseUrl: contentDatabaseUrl(config),
      dbSchema: CONTENT_SCHEMA,
      migrations,
      natsUrl: config.NATS_URL,
      natsPrefix: config.NATS_PREFIX,
      logLevel: config.LOG_LEVEL,
      logPretty: prettyLogs(config),
      dbPoolMax: config.DB_POOL_MAX,
      onQuery: options.onQuery,
    },
    sdlPath: CONTENT_SCHEMA_PATH,
    setup: (runtime) => {
      registerContentKpis(runtime.metrics.registry, runtime.db, runtime.logger);
      return {
        resolvers,
        context: createContextFactory(runtime.db, runtime.js, runtime.names.subjects, runtime.logger),
      };
    },
    port: config.CONTENT_PORT,
    adminPort: config.CONTENT_ADMIN_PORT,
    access: subgraphAccess('content', config),
    exposeErrors: config.NODE_ENV === 'development',
  });
}
