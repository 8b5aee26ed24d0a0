// Bare `@apollo/gateway` with its defaults, the baseline of the gateway scenario: Apollo Server
// 5's standalone server + `ApolloGateway` over the committed supergraph, and a
// `RemoteGraphQLDataSource` that only adds the gateway credential the subgraphs require. Nothing
// else of the project's gateway (no auth, limits, metrics, fetcher, shared fetches). The
// supergraph is the one the project's gateway executes (`readSupergraph(...).executableSdl`: the
// `@authenticated` / `@requiresScopes` links removed), since `@apollo/gateway` refuses a
// supergraph linking `for: SECURITY` features it does not enforce.
// Env: SUBGRAPH_JWT_SECRET, CONTENT_URL, ACHIEVEMENTS_URL, EXPERIMENTS_URL, EMOTION_URL,
// BENCH_GATEWAY_PORT (0: any free port).
import { join } from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { readSupergraph } from '../../gateway/src/supergraph';
import { GATEWAY_CREDENTIAL_HEADER } from '../../lib/auth';
import { runEntryPoint } from '../../lib/server';
import { createCredentialCache, subgraphUrlsFromEnv } from '../lib/credential-cache';

/** A data source adding the gateway credential of its subgraph. */
class CredentialDataSource extends RemoteGraphQLDataSource {
  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly credential: (subgraph: string) => Promise<string>,
  ) {
    super({ url });
  }

  override async willSendRequest({ request }: GraphQLDataSourceProcessOptions): Promise<void> {
    request.http?.headers.set(GATEWAY_CREDENTIAL_HEADER, await this.credential(this.subgraph));
  }
}

runEntryPoint('bare-apollo-gateway', async () => {
  const urls = subgraphUrlsFromEnv(process.env);
  const credential = createCredentialCache(process.env.SUBGRAPH_JWT_SECRET ?? '');
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(join(__dirname, '..', '..', 'schema', 'supergraph.graphql')).executableSdl,
    buildService: ({ name }) => new CredentialDataSource(name, urls[name]!, credential),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.BENCH_GATEWAY_PORT ?? 0), host: '127.0.0.1' } });
  return { url: `${url.replace(/\/$/, '')}/`, port: Number(new URL(url).port), stop: () => server.stop() };
});
