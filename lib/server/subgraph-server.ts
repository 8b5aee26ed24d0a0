import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BaseContext } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import { ConfigError } from '../config';
import { GATEWAY_CREDENTIAL_HEADER, verifyGatewayCredential } from '../auth';
import type { Principal } from '../auth';
import { startAdminServer } from './admin-server';
import { listenGraphQL } from './graphql-server';
import { loadSchemaFile } from '../graphql/load-schema';
import { openRuntime } from './runtime';
import type { Runtime } from './runtime';
import { runtimeOptionsOf } from './subgraph-definition';
import type { ServiceConfig, SubgraphBase } from './subgraph-definition';
import { runShutdown } from './shutdown';
import { createSubgraphApollo } from './subgraph-apollo';

/** Options of {@link startSubgraphServer}. */
export interface SubgraphServerOptions<DB, TContext extends BaseContext> {
  runtime: Runtime<DB>;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  /** Per-request context (fresh DataLoaders), given the caller the gateway vouched for. */
  context: (req: IncomingMessage, caller: Principal) => Promise<TContext>;
  port: number;
  adminPort: number;
  access: SubgraphAccess;
  exposeErrors: boolean;
  /**
   * Serves paths other than `/graphql` on the public port without the gateway credential (e.g.
   * a signed webhook, which authenticates itself); returns true when it handled the request.
   */
  route?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** Who may call a subgraph and where it listens. */
export interface SubgraphAccess {
  /** Subgraph name: the audience of the gateway credentials it accepts. */
  name: string;
  /** `SUBGRAPH_JWT_SECRET`: HS256 secret of gateway credentials. */
  gatewaySecret: string;
  /** Host of the GraphQL port (`SUBGRAPH_HOST`). */
  host: string;
  /** Host of the admin port (`ADMIN_HOST`). */
  adminHost: string;
}

/**
 * Builds a subgraph's {@link SubgraphAccess} from its parsed config.
 *
 * @throws {ConfigError} when `SUBGRAPH_JWT_SECRET` is unset: a subgraph never serves unverified callers
 */
export function subgraphAccess(
  name: string,
  config: { SUBGRAPH_JWT_SECRET?: string | undefined; SUBGRAPH_HOST: string; ADMIN_HOST: string },
): SubgraphAccess {
  if (!config.SUBGRAPH_JWT_SECRET) {
    throw new ConfigError(['SUBGRAPH_JWT_SECRET: required (the secret the gateway signs subgraph requests with; `npm start` generates one)']);
  }
  return { name, gatewaySecret: config.SUBGRAPH_JWT_SECRET, host: config.SUBGRAPH_HOST, adminHost: config.ADMIN_HOST };
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
 * `/metrics`) on a separate port. Every `/graphql` request must carry a gateway credential for
 * this subgraph (`x-gateway-credential`); anything else, a user's own token included, is
 * refused with 401 before any resolver runs. `stop()` also closes the runtime it was given.
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
    name: options.access.name,
  });
  const graphql = await listenGraphQL({
    apollo,
    context: options.context,
    authenticate: (req) => {
      const header = req.headers[GATEWAY_CREDENTIAL_HEADER];
      return verifyGatewayCredential(options.access.gatewaySecret, options.access.name, Array.isArray(header) ? header[0] : header);
    },
    port: options.port,
    host: options.access.host,
    logger: runtime.logger,
    route: options.route,
  });
  const admin = await startAdminServer({
    port: options.adminPort,
    host: options.access.adminHost,
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

/** A subgraph's GraphQL process, declared by {@link defineSubgraph}. */
export interface SubgraphDefinition<DB, TContext extends BaseContext, Config extends ServiceConfig> extends SubgraphBase<Config> {
  /** Path of the subgraph's `schema.graphql`. */
  sdlPath: string;
  /** Builds resolvers and the per-request context factory from the opened runtime (metrics, caches...). */
  setup(
    runtime: Runtime<DB>,
    config: Config,
  ): {
    /** The subgraph's `Resolvers`, as typed by `npm run codegen` (see {@link SubgraphResolvers}). */
    resolvers: SubgraphResolvers;
    context: (req: IncomingMessage, caller: Principal) => Promise<TContext>;
    /** Other paths of the public port (see {@link SubgraphServerOptions.route}). */
    route?: (req: IncomingMessage, res: ServerResponse) => boolean;
  };
}

/**
 * A subgraph's resolver map as `@graphql-codegen`'s typescript-resolvers types it
 * (`Resolvers` in `src/resolvers/types.generated.ts`, `federation: true`). Its
 * `__resolveReference(reference, context, info)` signature cannot be expressed in
 * `@apollo/subgraph`'s `GraphQLResolverMap`, so {@link defineSubgraph} converts it in this one
 * place, as Apollo's own codegen templates do.
 */
export type SubgraphResolvers = object;

/** Options of a started subgraph (tests). */
export interface StartSubgraphOptions {
  /** Called with every SQL statement (tests count queries with it). */
  onQuery?: (sql: string) => void;
}

/**
 * Declares a subgraph's GraphQL process; returns the function that starts it in the house order:
 * runtime (Postgres migrated, NATS streams provisioned) -> `/graphql` on `<NAME>_PORT` (gateway
 * credentials only) and `/healthz`, `/readyz`, `/metrics` on `<NAME>_ADMIN_PORT`. Errors are
 * masked unless `NODE_ENV=development`. What was opened is closed when a later step fails.
 *
 * The returned starter throws when `SUBGRAPH_JWT_SECRET` is unset ({@link ConfigError}), Postgres
 * or NATS does not answer, a migration fails, or the SDL is invalid.
 */
export function defineSubgraph<DB, TContext extends BaseContext, Config extends ServiceConfig>(
  definition: SubgraphDefinition<DB, TContext, Config>,
): (config: Config, options?: StartSubgraphOptions) => Promise<RunningService> {
  return async (config, options = {}) => {
    const access = subgraphAccess(definition.name, config);
    const runtime = await openRuntime<DB>(runtimeOptionsOf(definition, config, definition.name, options.onQuery));
    try {
      const { resolvers, context, route } = definition.setup(runtime, config);
      const endpoints = definition.endpoints(config);
      return await startSubgraphServer<DB, TContext>({
        runtime,
        typeDefs: loadSchemaFile(definition.sdlPath),
        resolvers: resolvers as GraphQLResolverMap<TContext>,
        context,
        port: endpoints.port,
        adminPort: endpoints.adminPort,
        access,
        exposeErrors: config.NODE_ENV === 'development',
        route,
      });
    } catch (err) {
      await runtime.close();
      throw err;
    }
  };
}
