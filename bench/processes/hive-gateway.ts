// Hive Gateway (`@graphql-hive/gateway-runtime`) with Hive Router's Rust query planner
// (`@graphql-hive/router-runtime`'s `unifiedGraphHandler`), the comparison of the gateway
// scenario: the committed supergraph, node:http, and the gateway credential the subgraphs
// require added to every subgraph request (`propagateHeaders`). Bench-only packages, loaded from
// bench/node_modules. Env: as bench/processes/bare-apollo-gateway.ts.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { GATEWAY_CREDENTIAL_HEADER } from '../../lib/auth';
import { runEntryPoint } from '../../lib/server';
import { benchRequire } from '../lib/bench-packages';
import { createCredentialCache, subgraphUrlsFromEnv } from '../lib/credential-cache';

/** The members of `@graphql-hive/gateway-runtime` used here. */
interface GatewayRuntimeModule {
  createGatewayRuntime(config: {
    supergraph: string;
    unifiedGraphHandler: unknown;
    logging: string | boolean;
    landingPage: boolean;
    graphiql: boolean;
    transportEntries?: Record<string, { location?: string }>;
    propagateHeaders: { fromClientToSubgraphs(payload: { subgraphName: string }): Promise<Record<string, string>> };
  }): RequestListener & { dispose(): Promise<void> | void };
}

runEntryPoint('hive-gateway', async () => {
  const urls = subgraphUrlsFromEnv(process.env);
  const credential = createCredentialCache(process.env.SUBGRAPH_JWT_SECRET ?? '');
  const { createGatewayRuntime } = benchRequire('@graphql-hive/gateway-runtime') as GatewayRuntimeModule;
  const { unifiedGraphHandler } = benchRequire('@graphql-hive/router-runtime') as { unifiedGraphHandler: unknown };
  let supergraph = readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
  // Point the supergraph's join__graph URLs at this run's subgraphs.
  supergraph = supergraph.replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (whole, name: string) => (urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole));
  const runtime = createGatewayRuntime({
    supergraph,
    unifiedGraphHandler,
    logging: 'warn',
    landingPage: false,
    graphiql: false,
    propagateHeaders: {
      fromClientToSubgraphs: async ({ subgraphName }) => ({ [GATEWAY_CREDENTIAL_HEADER]: await credential(subgraphName) }),
    },
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(Number(process.env.BENCH_GATEWAY_PORT ?? 0), '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
});
