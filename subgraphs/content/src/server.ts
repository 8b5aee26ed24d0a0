import { join } from 'node:path';
import { loadSchemaFile } from '../../../lib/graphql';
import { openRuntime, startSubgraphServer } from '../../../lib/server';
import type { RunningService } from '../../../lib/server';
import { contentDatabaseUrl } from './config';
import type { ContentConfig } from './config';
import { createContextFactory } from './context';
import { CONTENT_SCHEMA } from './db/database';
import type { ContentDatabase } from './db/database';
import { migrations } from './db/migrations';
import { resolvers } from './resolvers';

/** Path of the content subgraph's SDL. */
export const CONTENT_SDL_PATH = join(__dirname, '..', 'schema.graphql');

/**
 * Starts the content subgraph: migrations, NATS streams, `/graphql` and the admin port.
 *
 * @param options.onQuery called with every SQL statement (tests count queries with it)
 * @throws when Postgres or NATS does not answer
 */
export async function startContentSubgraph(
  config: ContentConfig,
  options: { onQuery?: (sql: string) => void } = {},
): Promise<RunningService> {
  const runtime = await openRuntime<ContentDatabase>({
    service: 'content',
    databaseUrl: contentDatabaseUrl(config),
    dbSchema: CONTENT_SCHEMA,
    migrations,
    natsUrl: config.NATS_URL,
    logLevel: config.LOG_LEVEL,
    dbPoolMax: config.DB_POOL_MAX,
    onQuery: options.onQuery,
  });
  return startSubgraphServer({
    runtime,
    typeDefs: loadSchemaFile(CONTENT_SDL_PATH),
    resolvers,
    context: createContextFactory(runtime.db, runtime.js, runtime.logger),
    port: config.CONTENT_PORT,
    adminPort: config.CONTENT_ADMIN_PORT,
    exposeErrors: config.NODE_ENV === 'development',
  });
}
