import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import fetch, { Response } from 'node-fetch';
import { SubgraphTimeoutError } from './errors';

/** A subgraph HTTP response read to its end, so that it can be shared and replayed. */
export interface BufferedResponse {
  url: string;
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  /** The raw body text (normally a GraphQL JSON result). */
  body: string;
}

/** Sends one HTTP request to a subgraph and reads the whole response. */
export type SubgraphFetch = (url: string, init: FetcherRequestInit) => Promise<BufferedResponse>;

/**
 * Creates the HTTP client of one subgraph: node-fetch over its own keep-alive agents (http and
 * https, 128 sockets each), with a deadline that covers connecting, the response head and the
 * body. A request past the deadline is aborted (its socket is destroyed), so a hanging subgraph
 * never holds a gateway response.
 *
 * @param timeoutMs deadline of one request (ms)
 * @returns a fetch that resolves with any HTTP status (status handling is the caller's) and
 *   rejects with {@link SubgraphTimeoutError} past the deadline, or node-fetch's `FetchError`
 *   on transport failures (refused, reset, DNS)
 */
export function createSubgraphFetch(timeoutMs: number): SubgraphFetch {
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 128 });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 128 });
  const agent = (parsed: URL) => (parsed.protocol === 'https:' ? httpsAgent : httpAgent);
  return async (url, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(url, {
        method: init.method,
        headers: init.headers,
        body: init.body,
        agent,
        signal: controller.signal,
      });
      const body = await response.text();
      return {
        url: response.url,
        status: response.status,
        statusText: response.statusText,
        headers: Array.from(response.headers.entries()),
        body,
      };
    } catch (error) {
      if (controller.signal.aborted) throw new SubgraphTimeoutError(timeoutMs, { cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Replays a buffered response as a fresh fetch `Response` (each caller of a shared request
 * reads its own body) for `RemoteGraphQLDataSource`.
 */
export function toFetcherResponse(buffered: BufferedResponse): FetcherResponse {
  return new Response(buffered.body, {
    url: buffered.url,
    status: buffered.status,
    statusText: buffered.statusText,
    headers: buffered.headers,
  });
}
