import type { IncomingMessage, Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { GraphQLError, getOperationAST, parse, print, specifiedRules, validate } from 'graphql';
import type { DocumentNode, ExecutionArgs, ExecutionResult, GraphQLSchema, ValidationRule } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { AuthenticationError } from '../../lib/auth';
import type { Principal } from '../../lib/auth';
import type { Logger } from '../../lib/logger';
import { MAX_BODY_BYTES } from '../../lib/server';
import { gatewayContext } from './context';
import type { GatewayContext } from './context';
import type { GatewayMetrics } from './metrics';
import type { Authenticator } from './security/authenticate';
import type { OperationGuard } from './security/operation-guard';
import { isTokenLimitError, tooComplexError } from './security/operation-limits';
import type { Safelist } from './security/safelist';
import type { SubscriptionBridge } from './subscriptions/bridge';
import type { RunQuery } from './subscriptions/event-fields';

/**
 * Runs an operation through the gateway's Apollo Server (query planner, subgraphs, security
 * plugin). Apollo's formatted errors come back as `GraphQLError`s (graphql-ws serialises
 * errors with `toJSON()`).
 */
export function apolloRunner(apollo: ApolloServer<GatewayContext>, contextValue: GatewayContext): RunQuery {
  return async (query, variables) => {
    const response = await apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not supported here');
    const { data, errors } = response.body.singleResult;
    return {
      data: (data as Record<string, unknown> | null | undefined) ?? null,
      errors: errors?.map((e) => new GraphQLError(e.message, { path: e.path, extensions: e.extensions })),
    };
  };
}

/** Options of {@link startWebSocketServer}. */
export interface WebSocketServerOptions {
  server: Server;
  apollo: ApolloServer<GatewayContext>;
  bridge: SubscriptionBridge;
  /** The supergraph's current API schema (validation and argument coercion). */
  getSchema: () => GraphQLSchema;
  authenticate: Authenticator;
  guard: OperationGuard;
  /** Counts refused connections and subscribes. */
  metrics: GatewayMetrics;
  /** graphql-armor's validation rules (depth, aliases, directives). */
  validationRules: ValidationRule[];
  maxTokens: number;
  /** With `PERSISTED_OPERATIONS=enforce`: only listed operations may be subscribed or run. */
  safelist?: Safelist;
  logger: Logger;
  isProd: boolean;
}

/** A GraphQL error as sent over graphql-ws: the HTTP-only `extensions.http` removed. */
function wsError(error: GraphQLError, defaultCode?: string): GraphQLError {
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, { extensions: { ...(defaultCode && !extensions.code ? { code: defaultCode } : {}), ...extensions } });
}

function parseWithLimit(query: string, maxTokens: number): DocumentNode | GraphQLError {
  try {
    return parse(query, { maxTokens });
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err;
    if (isTokenLimitError(err.message)) return wsError(tooComplexError(err.message.replace(/^Syntax Error: /, ''), 'maxTokens'));
    return wsError(err, 'GRAPHQL_PARSE_FAILED');
  }
}

/**
 * Serves graphql-ws on `/graphql` of the gateway's HTTP server with the same protections as
 * HTTP: messages above 1 MiB close the socket (1009); `connection_init` must carry
 * `Authorization: Bearer <token>` in its payload, else the socket closes with 4403 Forbidden;
 * every `subscribe` is parsed with the token limit, validated with armor's rules and, for
 * subscriptions, admitted by the {@link OperationGuard} (auth, cost, rate budget) before the
 * {@link SubscriptionBridge} serves it. Queries and mutations run through Apollo Server, whose
 * security plugin admits them.
 *
 * @returns a function closing every socket and the WebSocket server
 */
export function startWebSocketServer(options: WebSocketServerOptions): () => Promise<void> {
  const wss = new WebSocketServer({ server: options.server, path: '/graphql', maxPayload: MAX_BODY_BYTES });
  const principals = new WeakMap<WebSocket, Principal>();
  /** Parses, validates and (for subscriptions) admits one `subscribe`; GraphQL errors refuse it. */
  const admitSubscribe = async (extra: { socket: WebSocket; request: IncomingMessage }, payload: SubscribePayload): Promise<ExecutionArgs | GraphQLError[]> => {
    const principal = principals.get(extra.socket);
    if (!principal) return [new GraphQLError('Unauthenticated', { extensions: { code: 'UNAUTHENTICATED' } })];
    const schema = options.getSchema();
    let query = payload.query;
    if (options.safelist) {
      try {
        query = options.safelist.admit({ query: payload.query, extensions: payload.extensions }).query as string;
      } catch (err) {
        if (err instanceof GraphQLError) return [wsError(err)];
        throw err;
      }
    }
    const document = parseWithLimit(query, options.maxTokens);
    if (document instanceof GraphQLError) return [document];
    const errors = validate(schema, document, [...specifiedRules, ...options.validationRules]);
    if (errors.length > 0) return errors.map((e) => wsError(e, 'GRAPHQL_VALIDATION_FAILED'));
    const variableValues = payload.variables ?? {};
    const contextValue = gatewayContext(extra.request.headers, principal, options.logger);
    if (getOperationAST(document, payload.operationName)?.operation === 'subscription') {
      try {
        await options.guard.admit({ schema, document, operationName: payload.operationName, variables: variableValues, principal });
      } catch (err) {
        if (err instanceof GraphQLError) return [wsError(err)];
        throw err;
      }
    }
    return { schema, document, operationName: payload.operationName, variableValues, contextValue };
  };
  const disposable = useServer<Record<string, unknown> | undefined, { socket: WebSocket; request: IncomingMessage }>(
    {
      schema: () => options.getSchema(),
      isProd: options.isProd,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        try {
          principals.set(ctx.extra.socket, await options.authenticate(params.Authorization ?? params.authorization));
          options.metrics.websocketConnections.inc();
          return true;
        } catch (err) {
          if (err instanceof AuthenticationError) {
            options.metrics.countRefusal('UNAUTHENTICATED');
            return false;
          }
          throw err;
        }
      },
      onDisconnect: () => {
        options.metrics.websocketConnections.dec();
      },
      onSubscribe: async (ctx, _id, payload) => {
        const result = await admitSubscribe(ctx.extra, payload);
        if (Array.isArray(result)) options.metrics.countRefusal(result[0]?.extensions.code, result[0]?.extensions.limit);
        return result;
      },
      execute: async (args): Promise<ExecutionResult> => {
        const run = apolloRunner(options.apollo, args.contextValue as GatewayContext);
        const { data, errors } = await run(print(args.document), (args.variableValues ?? {}) as Record<string, unknown>);
        return { data, errors };
      },
      subscribe: (args) =>
        options.bridge.subscribe({
          schema: args.schema,
          document: args.document,
          operationName: args.operationName,
          variableValues: (args.variableValues ?? {}) as Record<string, unknown>,
          run: apolloRunner(options.apollo, { ...(args.contextValue as GatewayContext), internal: true }),
          audience: [...(args.contextValue as GatewayContext).principal.scopes].sort().join(' '),
        }),
    },
    wss,
  );
  // graphql-ws reports a socket's errors (e.g. a frame over maxPayload, which ws answers with
  // 1009) with console.error; registered after useServer, this replaces that listener so they go
  // to the gateway's logger instead, with the same close.
  wss.on('connection', (socket: WebSocket) => {
    socket.removeAllListeners('error');
    socket.once('error', (err: Error) => {
      options.logger.warn({ err: err.message }, 'graphql-ws socket error; closing the connection');
      socket.close(CloseCode.InternalServerError, 'Internal server error');
    });
  });
  return async () => {
    await disposable.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}
