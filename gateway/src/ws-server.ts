import type { Server } from 'node:http';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { print } from 'graphql';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { SubscriptionBridge } from './subscriptions/bridge';
import type { RunQuery } from './subscriptions/event-fields';

/** Runs an operation through the gateway's Apollo Server (query planner, subgraphs). */
export function apolloRunner(apollo: ApolloServer<BaseContext>, contextValue: BaseContext): RunQuery {
  return async (query, variables) => {
    const response = await apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not supported here');
    const { data, errors } = response.body.singleResult;
    return { data: (data as Record<string, unknown> | null | undefined) ?? null, errors };
  };
}

/**
 * Serves graphql-ws on `/graphql` of the gateway's HTTP server: subscriptions through the
 * {@link SubscriptionBridge}, queries and mutations through Apollo Server.
 *
 * @param getSchema the supergraph's current API schema (validation and argument coercion)
 * @returns a function closing every socket and the WebSocket server
 */
export function startWebSocketServer(options: {
  server: Server;
  apollo: ApolloServer<BaseContext>;
  bridge: SubscriptionBridge;
  getSchema: () => GraphQLSchema;
  isProd: boolean;
}): () => Promise<void> {
  const wss = new WebSocketServer({ server: options.server, path: '/graphql' });
  const disposable = useServer(
    {
      schema: () => options.getSchema(),
      context: (ctx) => ({ connectionParams: ctx.connectionParams ?? {}, headers: ctx.extra.request.headers }),
      isProd: options.isProd,
      execute: async (args): Promise<ExecutionResult> => {
        const run = apolloRunner(options.apollo, (args.contextValue ?? {}) as BaseContext);
        const { data, errors } = await run(print(args.document), (args.variableValues ?? {}) as Record<string, unknown>);
        return { data, errors: errors as ExecutionResult['errors'] };
      },
      subscribe: (args) =>
        options.bridge.subscribe({
          schema: args.schema,
          document: args.document,
          operationName: args.operationName,
          variableValues: (args.variableValues ?? {}) as Record<string, unknown>,
          run: apolloRunner(options.apollo, (args.contextValue ?? {}) as BaseContext),
        }),
    },
    wss,
  );
  return async () => {
    await disposable.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}
