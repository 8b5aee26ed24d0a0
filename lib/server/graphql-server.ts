import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { AuthenticationError } from '../auth';
import type { Principal } from '../auth';
import type { Logger } from '../logger';
import { createGraphQLHandler } from './http-handler';
import type { RequestScreen } from './http-handler';

/** Options of {@link listenGraphQL}. */
export interface GraphQLServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** Per-request context, given the caller that {@link authenticate} returned. */
  context: (req: IncomingMessage, caller: Principal) => Promise<TContext>;
  /**
   * Identifies the caller of every `/graphql` request before Apollo Server sees it; throwing
   * {@link AuthenticationError} answers 401 `UNAUTHENTICATED` and runs nothing.
   */
  authenticate: (req: IncomingMessage) => Promise<Principal>;
  /** Optional check of every authenticated request before Apollo Server (e.g. a safelist). */
  screen?: RequestScreen;
  port: number;
  host?: string;
  logger: Logger;
  /** Handles requests other than `/graphql` POST/GET; return true when handled. */
  route?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** A listening GraphQL HTTP server. */
export interface GraphQLServer {
  server: Server;
  port: number;
  /** `http://<host>:<port>/graphql`. */
  url: string;
  /** Stops accepting connections, finishes in-flight requests, then stops Apollo Server. */
  close(): Promise<void>;
}

/** Answers 401 with an `UNAUTHENTICATED` GraphQL error and the RFC 6750 challenge. */
function rejectUnauthenticated(res: ServerResponse, message: string): void {
  res
    .writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer error="invalid_token"' })
    .end(JSON.stringify({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }));
}

/**
 * Starts an Apollo Server on a plain Node HTTP server at `/graphql` (port 0 picks a free port).
 * Close it with `close()`: stop accepting, drain in-flight requests, stop Apollo.
 */
export async function listenGraphQL<TContext extends BaseContext>(options: GraphQLServerOptions<TContext>): Promise<GraphQLServer> {
  await options.apollo.start();
  const handle = createGraphQLHandler(options.apollo, options.context, options.screen);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (options.route?.(req, res)) return;
    if (path !== '/graphql') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: GraphQL is served at /graphql');
      return;
    }
    options
      .authenticate(req)
      .then(
        (caller) => handle(req, res, caller),
        (err: unknown) => {
          if (!(err instanceof AuthenticationError)) throw err;
          rejectUnauthenticated(res, err.message);
        },
      )
      .catch((err: unknown) => {
        options.logger.error({ err }, 'GraphQL request failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
      });
  });
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/graphql`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), 10_000);
      await closed;
      clearTimeout(force);
      await options.apollo.stop();
    },
  };
}
