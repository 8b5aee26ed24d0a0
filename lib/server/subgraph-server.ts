import type { IncomingMessage } from 'node:http';
import type { BaseContext } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import { startAdminServer } from './admin-server';
import { listenGraphQL } from './graphql-server';
import { loadSchemaFile } from '../graphql/load-schema';
import { openRuntime } from './runtime';
import type { Runtime, RuntimeOptions } from './runtime';
import { runShutdown } from './shutdown';
import { createSubgraphApollo } from './subgraph-apollo';

/** Options of {@link startSubgraphServer}. */
export interface SubgraphServerOptions<DB, TContext extends BaseContext> {
  runtime: Runtime<DB>;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  /** Per-request context (fresh DataLoaders). */
  context: (req: IncomingMessage) => Promise<TContext>;
  port: number;
  adminPort: number;
  host?: string;
  exposeErrors: boolean;
}

/** A running subgraph: its public GraphQL URL and its admin port. */
export interface RunningService {
  /** `http://127.0.0.1:<port>/graphql`. */
  url: string;
  port: number;
  adminPort: number;
  /** Graceful stop: stop accepting, finish requests, close admin, drain NATS, close the pool. */
  stop(): Promise<void>;
}

/**
 * Serves a Federation 2 subgraph at `/graphql` and its admin endpoints (`/healthz`, `/readyz`,
 * `/metrics`) on a separate port. `stop()` also closes the runtime it was given.
 */
export async function startSubgraphServer<DB, TContext extends BaseContext>(
  options: SubgraphServerOptions<DB, TContext>,
): Promise<RunningService> {
  const { runtime } = options;
  const apollo = createSubgraphApollo<TContext>({
    typeDefs: options.typeDefs,
    resolvers: options.resolvers,
    logger: runtime.logger,
    metrics: runtime.metrics,
    exposeErrors: options.exposeErrors,
  });
  const graphql = await listenGraphQL({
    apollo,
    context: options.context,
    port: options.port,
    host: options.host,
    logger: runtime.logger,
  });
  const admin = await startAdminServer({
    port: options.adminPort,
    host: options.host,
    registry: runtime.metrics.registry,
    readiness: runtime.readiness,
  });
  runtime.logger.info({ url: graphql.url, adminPort: admin.port }, 'subgraph listening');
  return {
    url: graphql.url,
    port: graphql.port,
    adminPort: admin.port,
    stop: () =>
      runShutdown(
        [
          { name: 'close graphql server', run: () => graphql.close() },
          { name: 'close admin server', run: () => admin.close() },
          { name: 'close runtime', run: () => runtime.close() },
        ],
        runtime.logger,
      ),
  };
}

/** Options of {@link startSubgraph}: how to open the runtime, and what to serve on it. */
export interface SubgraphOptions<DB, TContext extends BaseContext> {
  runtime: RuntimeOptions;
  /** Path of the subgraph's `schema.graphql`. */
  sdlPath: string;
  /** Builds resolvers and the context factory from the opened runtime (metrics, caches...). */
  setup: (runtime: Runtime<DB>) => {
    resolvers: GraphQLResolverMap<TContext>;
    context: (req: IncomingMessage) => Promise<TContext>;
  };
  port: number;
  adminPort: number;
  exposeErrors: boolean;
}

/**
 * Starts a subgraph process part in the house order: runtime (Postgres migrated, NATS streams
 * provisioned) -> `/graphql` and the admin port. What was opened is closed when a later step fails.
 *
 * @throws when Postgres or NATS does not answer, a migration fails, or the SDL is invalid
 */
export async function startSubgraph<DB, TContext extends BaseContext>(options: SubgraphOptions<DB, TContext>): Promise<RunningService> {
  const runtime = await openRuntime<DB>(options.runtime);
  try {
    const { resolvers, context } = options.setup(runtime);
    return await startSubgraphServer<DB, TContext>({
      runtime,
      typeDefs: loadSchemaFile(options.sdlPath),
      resolvers,
      context,
      port: options.port,
      adminPort: options.adminPort,
      exposeErrors: options.exposeErrors,
    });
  } catch (err) {
    await runtime.close();
    throw err;
  }
}
