import { ApolloServer } from '@apollo/server';
import type { BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import { createFormatError } from '../errors';
import type { Logger } from '../logger';
import type { ServiceMetrics } from '../metrics';
import { metricsPlugin } from './metrics-plugin';

/** Options of {@link createSubgraphApollo}. */
export interface SubgraphApolloOptions<TContext> {
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  logger: Logger;
  metrics: ServiceMetrics;
  /** Keep unexpected error messages (development only). */
  exposeErrors: boolean;
}

/**
 * Builds the Apollo Server of a Federation 2 subgraph: `buildSubgraphSchema`, metrics plugin,
 * error mapping/masking (codes from the fixed set), no landing page, no inline traces.
 */
export function createSubgraphApollo<TContext extends BaseContext>(options: SubgraphApolloOptions<TContext>): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema: buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers }]),
    formatError: createFormatError(options.exposeErrors, (err) => options.logger.error({ err }, 'unexpected error')),
    includeStacktraceInErrorResponses: false,
    // Entry points stop services on SIGINT/SIGTERM themselves (drain NATS, close the pool).
    stopOnTerminationSignals: false,
    plugins: [metricsPlugin<TContext>(options.metrics), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
}
