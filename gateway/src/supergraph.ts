import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { scopeString } from '../../lib/auth';
import type { Logger } from '../../lib/logger';
import type { GatewayContext } from './context';
import { loadSupergraphFeatures } from './security/supergraph-features';
import type { LoadedSupergraph } from './security/supergraph-features';
import { createSubgraphService } from './subgraph-calls';
import type { SubgraphCallSettings } from './subgraph-calls';

/**
 * Reads the composed supergraph file (see `loadSupergraphFeatures`).
 *
 * @throws when the file cannot be read, or the supergraph links a feature nothing enforces
 */
export function readSupergraph(path: string): LoadedSupergraph {
  return loadSupergraphFeatures(readFileSync(path, 'utf8'));
}

/** Headers added to every request to a subgraph, from the operation's context. */
export type SubgraphHeaders = (subgraph: string, context: unknown) => Promise<Record<string, string>>;

/** Options of {@link createGateway}. */
export interface GatewayOptions {
  /** The supergraph without the auth features (`LoadedSupergraph.executableSdl`). */
  executableSdl: string;
  /** Subgraph name -> URL (e.g. from `CONTENT_URL`); the supergraph's URL otherwise. */
  overrides: Record<string, string | undefined>;
  /** Gateway credential, request id and trace context for each subgraph request. */
  headers: SubgraphHeaders;
  calls: SubgraphCallSettings;
  logger: Logger;
  /** Counts each subgraph exchange (metrics). */
  onExchange?: (subgraph: string, outcome: 'ok' | 'unavailable', seconds: number) => void;
}

/** Identical in-flight subgraph queries are shared only between callers with the same identity and scopes. */
function callerKey(context: unknown): string | null {
  const principal = (context as Partial<GatewayContext>).principal;
  return principal ? `${principal.sub}\n${scopeString(principal.scopes)}` : null;
}

/**
 * Creates the Apollo gateway over a static, composed supergraph (no managed federation, no
 * polling). Every subgraph is called through `createSubgraphService` (timeouts, query retries,
 * a circuit breaker, shared identical in-flight queries) with the gateway's headers. With tracing
 * on, `@apollo/gateway` makes its OpenTelemetry spans (`gateway.request`, `gateway.validate`,
 * `gateway.plan`, `gateway.execute`, one `gateway.fetch` per subgraph fetch,
 * `gateway.postprocessing`), recording up to 5 GraphQL errors each, never the document.
 */
export function createGateway(options: GatewayOptions): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl: options.executableSdl,
    telemetry: { includeDocument: false, recordExceptions: 5 },
    buildService: ({ name, url }) =>
      createSubgraphService({
        name,
        url: options.overrides[name] ?? url!,
        ...options.calls,
        headers: (context) => options.headers(name, context),
        dedupKey: callerKey,
        logger: options.logger,
        onExchange: (outcome, seconds) => options.onExchange?.(name, outcome, seconds),
      }),
  });
}
