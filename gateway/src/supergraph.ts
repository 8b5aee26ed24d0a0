import { readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import fetch from 'node-fetch';

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 128 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 128 });

/** `fetch` for subgraph requests over keep-alive agents (connections are reused). */
export const keepAliveFetcher = ((url: string, init?: Record<string, unknown>) =>
  fetch(url, { ...init, agent: (parsed: URL) => (parsed.protocol === 'https:' ? httpsAgent : httpAgent) })) as unknown as Fetcher;

/**
 * Creates the Apollo gateway over a static, composed supergraph (no managed federation, no
 * polling). Subgraph URLs come from the supergraph unless overridden by name.
 *
 * @param supergraphPath path of `schema/supergraph.graphql`
 * @param overrides subgraph name -> URL (e.g. from `CONTENT_URL`)
 * @throws when the file cannot be read
 */
export function createGateway(supergraphPath: string, overrides: Record<string, string | undefined>): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    buildService: ({ name, url }) => new RemoteGraphQLDataSource({ url: overrides[name] ?? url, fetcher: keepAliveFetcher }),
  });
}
