import { join } from 'node:path';
import { startSubgraph, subgraphAccess } from '../../../lib/server';
import type { RunningService } from '../../../lib/server';
import { experimentsDatabaseUrl } from './config';
import type { ExperimentsConfig } from './config';
import { createContextFactory } from './context';
import type { ExperimentsContext } from './context';
import { EXPERIMENTS_SCHEMA } from './db/database';
import type { ExperimentsDatabase } from './db/database';
import { migrations } from './db/migrations';
import { createExperimentsMetrics, registerExperimentsKpis } from './metrics';
import { ProbabilityBestCache } from './probability-cache';
import { resolvers } from './resolvers';
import { prettyLogs } from '../../../lib/logger';

/** Absolute path of the subgraph's SDL. */
export const EXPERIMENTS_SCHEMA_PATH = join(__dirname, '..', 'schema.graphql');

/** Options of {@link startExperimentsSubgraph}. */
export interface ExperimentsSubgraphOptions {
  /** Called with the SQL of every statement (tests count queries with it). */
  onQuery?: (sql: string) => void;
}

/**
 * Starts the experiments subgraph: Postgres (schema `experiments`, migrated) -> NATS (streams
 * provisioned) -> GraphQL at `/graphql` on `EXPERIMENTS_PORT` and `/metrics`, `/healthz`,
 * `/readyz` on `EXPERIMENTS_ADMIN_PORT`.
 *
 * @returns the running service; `stop()` stops accepting, drains NATS and closes the pool
 * @throws when Postgres or NATS does not answer, or a migration fails
 */
export async function startExperimentsSubgraph(config: ExperimentsConfig, options: ExperimentsSubgraphOptions = {}): Promise<RunningService> {
  return startSubgraph<ExperimentsDatabase, ExperimentsContext>({
    runtime: {
      service: 'experiments',
      databaseUrl: experimentsDatabaseUrl(config),
      dbSchema: EXPERIMENTS_SCHEMA,
      migrations,
      natsUrl: config.NATS_URL,
      natsPrefix: config.NATS_PREFIX,
      logLevel: config.LOG_LEVEL,
      logPretty: prettyLogs(config),
      dbPoolMax: config.DB_POOL_MAX,
      onQuery: options.onQuery,
    },
    sdlPath: EXPERIMENTS_SCHEMA_PATH,
    setup: (runtime) => {
      registerExperimentsKpis(runtime.metrics.registry, runtime.db, runtime.logger);
      return {
        resolvers,
        context: createContextFactory({
          db: runtime.db,
          js: runtime.js,
          subjects: runtime.names.subjects,
          logger: runtime.logger,
          metrics: createExperimentsMetrics(runtime.metrics.registry),
          probabilities: new ProbabilityBestCache(),
        }),
      };
    },
    port: config.EXPERIMENTS_PORT,
    adminPort: config.EXPERIMENTS_ADMIN_PORT,
    access: subgraphAccess('experiments', config),
    exposeErrors: config.NODE_ENV === 'development',
  });
}
