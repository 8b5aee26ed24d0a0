import { BrokenCircuitError } from 'cockatiel';
import { GraphQLError } from 'graphql';
import { FetchError } from 'node-fetch';

/** `extensions.code` of a subgraph that could not be reached or failed (gateway-generated). */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/** A subgraph request passed its deadline (connection, response and body included). */
export class SubgraphTimeoutError extends Error {
  override readonly name = 'SubgraphTimeoutError';
  constructor(readonly timeoutMs: number, options?: ErrorOptions) {
    super(`timed out after ${timeoutMs} ms`, options);
  }
}

/** A subgraph answered with a 5xx status (the body is dropped: it is not a GraphQL result). */
export class SubgraphHttpError extends Error {
  override readonly name = 'SubgraphHttpError';
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

const CONNECTION_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'host unreachable',
};

/**
 * Whether an error means the subgraph itself failed: a timeout, a 5xx, or a transport error
 * (node-fetch `FetchError` of type `system`: refused, reset, DNS, premature close). Such
 * failures are retried (queries only) and counted by the circuit breaker; GraphQL errors in a
 * 2xx response, 4xx answers and an open breaker are not.
 */
export function isSubgraphFailure(error: unknown): boolean {
  return (
    error instanceof SubgraphTimeoutError ||
    error instanceof SubgraphHttpError ||
    (error instanceof FetchError && error.type === 'system')
  );
}

/**
 * A short reason for a failed subgraph request, safe for clients: no URL, host or header.
 *
 * @example describeFailure(new SubgraphTimeoutError(10000)) // 'timed out after 10000 ms'
 */
export function describeFailure(error: unknown): string {
  if (error instanceof SubgraphTimeoutError || error instanceof SubgraphHttpError) return error.message;
  if (error instanceof BrokenCircuitError) return 'circuit breaker is open after repeated failures';
  if (error instanceof FetchError && error.type === 'system') {
    const code = error.code ?? '';
    return CONNECTION_CODES[code] ?? `connection failed${code ? ` (${code})` : ''}`;
  }
  return 'request failed';
}

/**
 * The error the gateway reports for a subgraph that could not answer; `@apollo/gateway` nulls
 * that subgraph's fields and keeps the others'.
 *
 * @param subgraph subgraph name, e.g. `content`
 * @param reason from {@link describeFailure}
 * @returns a `GraphQLError` `Subgraph "<name>" is unavailable: <reason>` with
 *   `extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph }`
 */
export function subgraphUnavailableError(subgraph: string, reason: string): GraphQLError {
  return new GraphQLError(`Subgraph "${subgraph}" is unavailable: ${reason}`, {
    extensions: { code: SUBGRAPH_UNAVAILABLE, subgraph },
  });
}
