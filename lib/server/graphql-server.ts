import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServer, BaseContext } from '@apollo/server';
import type { Logger } from '../logger';
import { createGraphQLHandler } from './http-handler';

/** Options of {@link listenGraphQL}. */
export interface GraphQLServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: (req: IncomingMessage) => Promise<TContext>;
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

/**
 * Starts an Apollo Server on a plain Node HTTP server at `/graphql` (port 0 picks a free port).
 * Close it with `close()`: stop accepting, drain in-flight requests, stop Apollo.
 */
export async function listenGraphQL<TContext extends BaseContext>(options: GraphQLServerOptions<TContext>): Promise<GraphQLServer> {
  await options.apollo.start();
  const handle = createGraphQLHandler(options.apollo, options.context);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (options.route?.(req, res)) return;
    if (path !== '/graphql') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: GraphQL is served at /graphql');
      return;
    }
    handle(req, res).catch((err: unknown) => {
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
