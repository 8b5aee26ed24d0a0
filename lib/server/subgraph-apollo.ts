import { ApolloServer } from '@apollo/server';
import type { BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isDatabaseUnavailable } from '../db';
import { createFormatError } from '../errors';
import type { Logger } from '../logger';
import type { ServiceMetrics } from '../metrics';
import { metricsPlugin } from './metrics-plugin';
import { traceRootResolvers } from './traced-resolvers';

/** Options of {@link createSubgraphApollo}. */
export interface SubgraphApolloOptions<TContext> {
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  logger: Logger;
  metrics: ServiceMetrics;
  /** Keep unexpected error messages (development only). */
  exposeErrors: boolean;
  /** Subgraph name, in `SUBGRAPH_UNAVAILABLE` errors. */
  name: string;
}

/**
 * Builds the Apollo Server of a Federation 2 subgraph: `buildSubgraphSchema` (its `Query` and
 * `Mutation` resolvers traced, see `traceRootResolvers`), metrics plugin, error mapping/masking
 * (codes from the fixed set), no landing page, no inline traces. An error
 * because Postgres cannot be reached (`isDatabaseUnavailable`: down, restarting, connection lost)
 * becomes `SUBGRAPH_UNAVAILABLE` with `extensions.subgraph`, as when the gateway cannot reach the
 * subgraph itself: the client may retry (nothing was written: the transaction did not commit).
 */
export function createSubgraphApollo<TContext extends BaseContext>(options: SubgraphApolloOptions<TContext>): ApolloServer<TContext> {
  const format = createFormatError(options.exposeErrors, (err) => options.logger.error({ err }, 'unexpected error'));
  return new ApolloServer<TContext>({
    schema: buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: traceRootResolvers(options.resolvers) }]),
    formatError: (formatted, error) => {
      const original = unwrapResolverError(error);
      if (isDatabaseUnavailable(original)) {
        options.logger.warn({ err: original }, 'database unavailable');
        return { message: `${options.name} cannot reach its database; retry later`, path: formatted.path, locations: formatted.locations, extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: options.name } };
      }
      return format(formatted, error);
    },
    includeStacktraceInErrorResponses: false,
    // Entry points stop services on SIGINT/SIGTERM themselves (drain NATS, close the pool).
    stopOnTerminationSignals: false,
    plugins: [metricsPlugin<TContext>(options.metrics), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
}
