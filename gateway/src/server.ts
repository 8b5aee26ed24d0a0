import { ApolloServer } from '@apollo/server';
import type { BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { createFormatError } from '../../lib/errors';
import { createLogger } from '../../lib/logger';
import { createServiceMetrics } from '../../lib/metrics';
import { connectNats } from '../../lib/nats';
import { listenGraphQL, metricsPlugin, runShutdown, startAdminServer } from '../../lib/server';
import type { RunningService } from '../../lib/server';
import { subgraphUrlOverrides } from './config';
import type { GatewayConfig } from './config';
import { graphiqlHtml } from './graphiql';
import { createGateway } from './supergraph';
import { SubscriptionBridge } from './subscriptions/bridge';
import { NatsHub } from './subscriptions/nats-hub';
import { startWebSocketServer } from './ws-server';

/**
 * Starts the public gateway: Apollo Server 5 + `@apollo/gateway` over the static supergraph at
 * `/graphql` (POST/GET), offline GraphiQL for browsers at GET `/graphql`, graphql-ws
 * subscriptions bridged from NATS on the same path, and the admin port.
 *
 * @throws when NATS does not answer or the supergraph cannot be loaded
 */
export async function startGateway(config: GatewayConfig): Promise<RunningService> {
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const metrics = createServiceMetrics('gateway');
  const nc = await connectNats(config.NATS_URL, 'gateway');
  const steps = [{ name: 'drain nats', run: () => nc.drain() }];
  try {
    const gateway = createGateway(config.SUPERGRAPH_PATH, subgraphUrlOverrides(config));
    let apiSchema: GraphQLSchema | null = null;
    gateway.onSchemaLoadOrUpdate(({ apiSchema: schema }) => {
      apiSchema = schema;
    });
    const apollo = new ApolloServer<BaseContext>({
      gateway,
      formatError: createFormatError(config.NODE_ENV === 'development', (err) => logger.error({ err }, 'unexpected error')),
      includeStacktraceInErrorResponses: false,
      introspection: true,
      plugins: [metricsPlugin(metrics), ApolloServerPluginLandingPageDisabled()],
    });
    const html = graphiqlHtml();
    const graphql = await listenGraphQL({
      apollo,
      context: async (req) => ({ headers: req.headers }),
      port: config.GATEWAY_PORT,
      logger,
      route: (req, res) => {
        const wantsHtml = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
        if (wantsHtml && (req.url ?? '').split('?')[0] === '/graphql') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
          return true;
        }
        return false;
      },
    });
    steps.unshift({ name: 'close http server', run: () => graphql.close() });
    const hub = new NatsHub(nc, logger);
    const bridge = new SubscriptionBridge({
      hub,
      logger,
      queueLimit: config.SUBSCRIPTION_QUEUE_LIMIT,
      trajectoryWaitMs: config.SUBSCRIPTION_TRAJECTORY_WAIT_MS,
    });
    const closeWs = startWebSocketServer({
      server: graphql.server,
      apollo,
      bridge,
      getSchema: () => {
        if (!apiSchema) throw new Error('supergraph not loaded yet');
        return apiSchema;
      },
      isProd: config.NODE_ENV !== 'development',
    });
    steps.unshift({ name: 'close websockets', run: closeWs });
    const admin = await startAdminServer({
      port: config.GATEWAY_ADMIN_PORT,
      registry: metrics.registry,
      readiness: [
        {
          name: 'supergraph',
          check: async () => {
            if (!apiSchema) throw new Error('supergraph not loaded');
          },
        },
        { name: 'nats', check: () => nc.flush() },
      ],
    });
    steps.splice(steps.length - 1, 0, { name: 'close admin server', run: () => admin.close() });
    logger.info({ url: `http://localhost:${graphql.port}/graphql`, adminPort: admin.port }, 'gateway listening');
    return { url: graphql.url, port: graphql.port, adminPort: admin.port, stop: () => runShutdown(steps, logger) };
  } catch (err) {
    await runShutdown(steps, logger);
    throw err;
  }
}
