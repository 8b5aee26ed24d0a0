import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { BrokenCircuitError, wrap } from 'cockatiel';
import type { CircuitBreakerPolicy, IPolicy } from 'cockatiel';
import { OperationTypeNode } from 'graphql';
import type { Logger } from '../../../lib/logger';
import { createSubgraphBreaker } from './breaker';
import { InFlight, subgraphRequestKey } from './dedup';
import { SubgraphHttpError, describeFailure, isSubgraphFailure, subgraphUnavailableError } from './errors';
import { createSubgraphFetch, toFetcherResponse } from './fetcher';
import type { BufferedResponse, SubgraphFetch } from './fetcher';
import { OperationTypes } from './operation-type';
import { createQueryRetry } from './retry';

/** Options of one subgraph's data source (see `createSubgraphService`). */
export interface SubgraphServiceOptions {
  /** Subgraph name, e.g. `content`: names the subgraph in errors and logs. */
  name: string;
  /** GraphQL endpoint of the subgraph. */
  url: string;
  /** Deadline of one HTTP request to the subgraph (ms), body included. */
  timeoutMs: number;
  /** Extra attempts for queries only (0 disables retries). */
  retries: number;
  /** Consecutive failures before opening; how long (ms) it stays open before one probe. */
  breaker: { threshold: number; halfOpenAfterMs: number };
  /** Extra request headers from the gateway's request context (gateway credential, x-request-id, traceparent). */
  headers: (context: unknown) => Record<string, string> | Promise<Record<string, string>>;
  /** Who the call is made for (identical in-flight queries are shared only within the same key); null disables sharing for the call. */
  dedupKey: (context: unknown) => string | null;
  logger: Logger;
  /** Called once per HTTP exchange with the subgraph (a shared request counts once): outcome and seconds taken. */
  onExchange?: (outcome: 'ok' | 'unavailable', seconds: number) => void;
}

/** What `@apollo/gateway` expects back from a data source. */
type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * The gateway's data source for one subgraph: `RemoteGraphQLDataSource` (request shaping,
 * response parsing, cache-control hints) over a resilient HTTP exchange:
 *
 * - queries share identical in-flight requests (same text, variables and `dedupKey`), retry
 *   failures with jittered backoff, and count towards the breaker; a shared request carries the
 *   headers of the call that started it, so `dedupKey` must tell apart callers whose
 *   credentials differ;
 * - mutations (and anything that is not a query) are sent once, never shared, never retried,
 *   but still count towards the breaker and fail fast while it is open.
 *
 * Failures (timeout, transport error, 5xx, open breaker) reject with a `GraphQLError`
 * `SUBGRAPH_UNAVAILABLE` naming the subgraph; each is logged once at warn (never headers).
 * GraphQL errors in a 2xx response and 4xx answers pass through as `RemoteGraphQLDataSource`
 * reports them.
 */
export class SubgraphDataSource implements GraphQLDataSource {
  private readonly fetchBuffered: SubgraphFetch;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly queryPolicy: IPolicy;
  private readonly inFlight = new InFlight<BufferedResponse>();
  private readonly operationTypes = new OperationTypes();

  constructor(private readonly options: SubgraphServiceOptions) {
    const { name: subgraph, logger } = options;
    this.fetchBuffered = createSubgraphFetch(options.timeoutMs);
    this.breaker = createSubgraphBreaker({ subgraph, logger, ...options.breaker });
    // Retry outside the breaker: every attempt is one breaker sample, and an open breaker
    // (BrokenCircuitError is not a subgraph failure) stops the retries.
    this.queryPolicy = wrap(createQueryRetry({ subgraph, logger, retries: options.retries }), this.breaker);
  }

  /**
   * Sends one subgraph operation (called by `@apollo/gateway` for every fetch of a query plan).
   *
   * @throws {GraphQLError} `SUBGRAPH_UNAVAILABLE` when the subgraph cannot answer
   */
  async process(options: GraphQLDataSourceProcessOptions): Promise<SubgraphResponse> {
    const context: unknown = 'incomingRequestContext' in options ? options.incomingRequestContext.context : options.context;
    const document = 'document' in options ? options.document : undefined;
    const { query, operationName } = options.request;
    const isQuery = query !== undefined && this.operationTypes.of(query, operationName, document) === OperationTypeNode.QUERY;
    const shareAs = isQuery ? this.options.dedupKey(context) : null;
    const headers = this.options.headers;
    // One RemoteGraphQLDataSource per call: its `fetcher(url, init)` cannot see the call's
    // context, so the call's decisions (retry, sharing) are bound into this call's fetcher.
    const call = new RemoteGraphQLDataSource({
      url: this.options.url,
      fetcher: (url, init) => this.send(url, init ?? {}, isQuery, shareAs),
      willSendRequest: async ({ request }) => {
        const extra = await headers(context);
        for (const [name, value] of Object.entries(extra)) request.http?.headers.set(name, value);
      },
    });
    return call.process(options);
  }

  private async send(url: string, init: FetcherRequestInit, isQuery: boolean, shareAs: string | null): Promise<FetcherResponse> {
    const key = isQuery ? subgraphRequestKey(shareAs, String(init.body ?? '')) : null;
    try {
      return toFetcherResponse(await this.inFlight.run(key, () => this.exchange(url, init, isQuery)));
    } catch (error) {
      // A fresh error per caller: sharers of one request must not share one error object.
      throw subgraphUnavailableError(this.options.name, describeFailure(error));
    }
  }

  /** The shared part of a call: policies around one or more attempts; failures logged once. */
  private async exchange(url: string, init: FetcherRequestInit, isQuery: boolean): Promise<BufferedResponse> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const response = await (isQuery ? this.queryPolicy : this.breaker).execute(() => this.attempt(url, init));
      this.options.onExchange?.('ok', seconds());
      return response;
    } catch (error) {
      this.options.onExchange?.('unavailable', seconds());
      const known = isSubgraphFailure(error) || error instanceof BrokenCircuitError;
      this.options.logger.warn(
        { subgraph: this.options.name, operationType: isQuery ? 'query' : 'other', reason: describeFailure(error), ...(known ? {} : { err: error }) },
        'subgraph call failed',
      );
      throw error;
    }
  }

  private async attempt(url: string, init: FetcherRequestInit): Promise<BufferedResponse> {
    const response = await this.fetchBuffered(url, init);
    if (response.status >= 500) throw new SubgraphHttpError(response.status);
    return response;
  }
}
