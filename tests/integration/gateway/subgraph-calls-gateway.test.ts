import type { IncomingHttpHeaders } from 'node:http';
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import pino from 'pino';
import { createSubgraphService } from '../../../gateway/src/subgraph-calls';

type GatewayContext = { requestId: string };

/** A real federation subgraph owning `Query.<field>`, recording the headers it receives. */
async function startSubgraph(field: string) {
  const typeDefs = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [])
    type Query { ${field}: String }
  `);
  const received: IncomingHttpHeaders[] = [];
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs, resolvers: { Query: { [field]: () => `from ${field}` } } }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => {
      received.push(req.headers);
      return {};
    },
  });
  let stopped = false;
  return {
    name: field,
    url,
    typeDefs,
    received,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

describe('ApolloGateway over createSubgraphService', () => {
  let subgraphs: Array<Awaited<ReturnType<typeof startSubgraph>>> = [];
  let apollo: ApolloServer<GatewayContext> | undefined;

  beforeEach(async () => {
    subgraphs = [await startSubgraph('a'), await startSubgraph('b')];
    const composition = composeServices(subgraphs.map(({ name, url, typeDefs }) => ({ name, url, typeDefs })));
    if (composition.errors) throw new Error(composition.errors.map((e) => e.message).join('\n'));
    const gateway = new ApolloGateway({
      supergraphSdl: composition.supergraphSdl,
      buildService: ({ name, url }) =>
        createSubgraphService({
          name,
          url: url ?? '',
          timeoutMs: 2_000,
          retries: 1,
          breaker: { threshold: 5, halfOpenAfterMs: 10_000 },
          headers: (context) => ({ 'x-request-id': (context as GatewayContext).requestId }),
          dedupKey: () => null,
          logger: pino({ level: 'silent' }),
        }),
    });
    apollo = new ApolloServer<GatewayContext>({ gateway });
    await apollo.start();
  });

  afterEach(async () => {
    await apollo?.stop();
    apollo = undefined;
    await Promise.all(subgraphs.map((s) => s.stop()));
  });

  async function run(query: string, requestId = 'req-1') {
    const response = await apollo!.executeOperation({ query }, { contextValue: { requestId } });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  }

  it('answers from both subgraphs and forwards the context headers', async () => {
    const result = await run('{ a b }', 'req-7');

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ a: 'from a', b: 'from b' });
    expect(subgraphs[0]!.received.at(-1)?.['x-request-id']).toBe('req-7');
    expect(subgraphs[1]!.received.at(-1)?.['x-request-id']).toBe('req-7');
  });

  it("returns the live subgraph's fields, null and one SUBGRAPH_UNAVAILABLE error for a dead one", async () => {
    expect((await run('{ a b }')).data).toEqual({ a: 'from a', b: 'from b' });
    await subgraphs[1]!.stop();

    const result = await run('{ a b }');

    expect(result.data).toEqual({ a: 'from a', b: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.message).toMatch(/^Subgraph "b" is unavailable: connection (refused|reset)$/);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'b' });
  });
});
