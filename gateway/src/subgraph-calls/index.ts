import type { GraphQLDataSource } from '@apollo/gateway';
import { SubgraphDataSource } from './data-source';
import type { SubgraphServiceOptions } from './data-source';

export { subgraphCallFields, subgraphCallSettings } from './config';
export type { SubgraphCallConfig, SubgraphCallSettings } from './config';
export type { SubgraphServiceOptions } from './data-source';
export { SUBGRAPH_UNAVAILABLE } from './errors';

/**
 * Creates the gateway's data source for one subgraph, for `ApolloGateway`'s `buildService`:
 * per-request timeout, retries of queries (jittered exponential backoff; transport errors, 5xx
 * and timeouts only), a circuit breaker per subgraph, sharing of identical in-flight queries per
 * `dedupKey`, and `options.headers(context)` on every request, over keep-alive connections.
 * Call it once per subgraph: the breaker and the shared requests live in the returned object.
 *
 * A failed call rejects with a `GraphQLError` `Subgraph "<name>" is unavailable: <reason>`,
 * `extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: '<name>' }`; the gateway then returns
 * the other subgraphs' fields and nulls for this one.
 *
 * @example
 * new ApolloGateway({
 *   supergraphSdl,
 *   buildService: ({ name, url }) =>
 *     createSubgraphService({
 *       name,
 *       url: url!,
 *       ...subgraphCallSettings(config),
 *       headers: (context) => forwardedHeaders(context),
 *       dedupKey: (context) => callerId(context),
 *       logger,
 *     }),
 * });
 */
export function createSubgraphService(options: SubgraphServiceOptions): GraphQLDataSource {
  return new SubgraphDataSource(options);
}
