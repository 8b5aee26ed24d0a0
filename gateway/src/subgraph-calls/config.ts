import { z } from 'zod';
import { positiveInt } from '../../../lib/config';

/** A non-negative integer coerced from a string, at most `max`, with a default. */
function boundedCount(defaultValue: number, max: number) {
  return z.coerce.number().int().min(0).max(max).default(defaultValue);
}

/**
 * Config fields (zod, `lib/config` style) of the gateway's subgraph calls, to spread into the
 * gateway's config schema:
 * - `SUBGRAPH_TIMEOUT_MS` (ms, default 10000): deadline of one HTTP request to a subgraph,
 *   response body included;
 * - `SUBGRAPH_RETRIES` (0..10, default 2): extra attempts of a subgraph *query* after a
 *   transport failure, 5xx or timeout (mutations are never retried);
 * - `SUBGRAPH_BREAKER_THRESHOLD` (default 5): consecutive failed requests to one subgraph that
 *   open its circuit breaker;
 * - `SUBGRAPH_BREAKER_HALF_OPEN_MS` (ms, default 10000): how long an open breaker fails fast
 *   before letting one probe request through.
 *
 * @example
 * const schema = z.object({ GATEWAY_PORT: port(4000), ...subgraphCallFields });
 */
export const subgraphCallFields = {
  SUBGRAPH_TIMEOUT_MS: positiveInt(10_000),
  SUBGRAPH_RETRIES: boundedCount(2, 10),
  SUBGRAPH_BREAKER_THRESHOLD: positiveInt(5),
  SUBGRAPH_BREAKER_HALF_OPEN_MS: positiveInt(10_000),
};

/** The parsed values of {@link subgraphCallFields}. */
export type SubgraphCallConfig = Readonly<{ [K in keyof typeof subgraphCallFields]: z.output<(typeof subgraphCallFields)[K]> }>;

/** The resilience settings of {@link subgraphCallFields}, shaped for `createSubgraphService`. */
export interface SubgraphCallSettings {
  /** Deadline of one HTTP request (ms). */
  timeoutMs: number;
  /** Extra attempts of a query. */
  retries: number;
  /** Consecutive failures before the breaker opens; how long it stays open (ms). */
  breaker: { threshold: number; halfOpenAfterMs: number };
}

/** Maps parsed config to the settings every subgraph service shares. */
export function subgraphCallSettings(config: SubgraphCallConfig): SubgraphCallSettings {
  return {
    timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    retries: config.SUBGRAPH_RETRIES,
    breaker: { threshold: config.SUBGRAPH_BREAKER_THRESHOLD, halfOpenAfterMs: config.SUBGRAPH_BREAKER_HALF_OPEN_MS },
  };
}
