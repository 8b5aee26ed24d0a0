import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { IncomingMessage } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import Redis from 'ioredis';
import { subjectsFor } from '../../lib/events';
import { createLogger, prettyLogs } from '../../lib/logger';
import type { Logger } from '../../lib/logger';
import { createServiceMetrics } from '../../lib/metrics';
import { connectNats, natsNames } from '../../lib/nats';
import { listenGraphQL, metricsPlugin, runShutdown, startAdminServer } from '../../lib/server';
import type { RunningService, ShutdownStep } from '../../lib/server';
import { subgraphUrlOverrides } from './config';
import type { GatewayConfig } from './config';
import { gatewayContext } from './context';
import type { GatewayContext } from './context';
import { errorLoggingPlugin, gatewayFormatError } from './error-handling';
import { graphiqlHtml } from './graphiql';
import { dashboardRoute } from './dashboard';
import { githubWebhookForwarder, githubWebhookTarget } from './webhook-forwarder';
import { createGatewayMetrics, operationMetricsPlugin } from './metrics';
import type { GatewayMetrics } from './metrics';
import { readAccessPolicy } from './security/access-policy';
import { createAuthenticator } from './security/authenticate';
import { readCostPolicy } from './security/cost-policy';
import { OperationGuard } from './security/operation-guard';
import { armorProtection, parseOptions } from './security/operation-limits';
import type { OperationLimits } from './security/operation-limits';
import { createRateLimiter } from './security/rate-limiter';
import { redisStringCache } from './security/redis-cache';
import { Safelist } from './security/safelist';
import { securityPlugin } from './security/security-plugin';
import { createSubgraphHeaders } from './security/subgraph-credentials';
import { subgraphCallSettings } from './subgraph-calls';
import { createGateway, readSupergraph } from './supergraph';
import { SubscriptionBridge } from './subscriptions/bridge';
import { NatsHub } from './subscriptions/nats-hub';
import { startWebSocketServer } from './ws-server';

/**
 * Connects the rate limiter's Redis before serving (so budgets are not split between memory and
 * Redis at start-up). When Redis does not answer, the gateway starts anyway: limits are kept in
 * memory until it does, and the outage is logged.
 */
async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let warned = false;
  redis.on('error', (err: Error) => {
    if (!warned) logger.warn({ err: err.message }, 'redis unavailable: rate limits are kept in memory meanwhile');
    warned = true;
  });
  redis.on('ready', () => {
    warned = false;
  });
  await redis.connect().catch(() => undefined);
  return redis;
}

/** Wraps a check so that its failures are counted as refusals with `code`. */
function counted<A, R>(metrics: GatewayMetrics, code: string, check: (arg: A) => Promise<R>): (arg: A) => Promise<R> {
  return (arg) =>
    check(arg).catch((err: unknown) => {
      metrics.countRefusal(code);
      throw err;
    });
}

/** {@link counted} for a synchronous check. */
function countedSync<A, R>(metrics: GatewayMetrics, code: string, check: (arg: A) => R): (arg: A) => R {
  return (arg) => {
    try {
      return check(arg);
    } catch (err) {
      metrics.countRefusal(code);
      throw err;
    }
  };
}

/** Key prefix of automatic persisted queries in Redis. */
const APQ_PREFIX = 'threads-agent:apq:';

/**
 * Automatic persisted queries: off with a safelist (`enforce`) or `off`; otherwise in Apollo
 * Server's bounded in-memory LRU cache, or in Redis (shared by replicas) when `REDIS_URL` is set.
 */
function persistedQueries(config: GatewayConfig, redis: Redis | undefined) {
  if (config.PERSISTED_OPERATIONS !== 'apq') return false as const;
  return redis ? { cache: redisStringCache(redis, APQ_PREFIX, config.APQ_TTL_SECONDS), ttl: config.APQ_TTL_SECONDS } : { ttl: config.APQ_TTL_SECONDS };
}

function operationLimits(config: GatewayConfig): OperationLimits {
  return {
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxDirectives: config.MAX_DIRECTIVES,
    maxTokens: config.MAX_TOKENS,
    blockFieldSuggestions: config.BLOCK_FIELD_SUGGESTIONS && !config.GRAPHQL_INTROSPECTION,
  };
}

/**
 * Starts the public gateway: Apollo Server 5 + `@apollo/gateway` over the static supergraph at
 * `/graphql` (POST/GET) behind authentication (JWT), demand control (armor limits, `@cost`),
 * authorization (`@authenticated`, `@requiresScopes`) and per-principal rate limits; offline
 * GraphiQL for browsers at GET `/graphql`; graphql-ws subscriptions bridged from NATS on the
 * same path with the same checks; and the admin port.
 *
 * @throws when NATS does not answer, or the supergraph cannot be loaded or links a feature
 *   nothing here enforces
 */
export async function startGateway(config: GatewayConfig): Promise<RunningService> {
  const logger = createLogger('gateway', config.LOG_LEVEL, { pretty: prettyLogs(config) });
  const metrics = createServiceMetrics('gateway');
  const gatewayMetrics = createGatewayMetrics(metrics.registry);
  const supergraph = readSupergraph(config.SUPERGRAPH_PATH);
  const nc = await connectNats(config.NATS_URL, 'gateway');
  const steps: ShutdownStep[] = [{ name: 'drain nats', run: () => nc.drain() }];
  try {
    const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : undefined;
    if (redis) steps.push({ name: 'close redis', run: async () => void redis.disconnect() });
    const guard = new OperationGuard({
      accessPolicy: readAccessPolicy(supergraph.document, supergraph.names),
      costPolicy: readCostPolicy(supergraph.document, supergraph.names),
      costLimit: config.COST_LIMIT,
      rateLimiter: createRateLimiter({ pointsPerMinute: config.RATE_LIMIT_PER_MINUTE, redis, keyPrefix: config.RATE_LIMIT_KEY_PREFIX }),
      costPerRequest: config.RATE_LIMIT_COST_PER_REQUEST,
    });
    const safelist = config.PERSISTED_OPERATIONS === 'enforce' ? Safelist.load(config.PERSISTED_OPERATIONS_MANIFEST!) : undefined;
    if (safelist) logger.info({ operations: safelist.size }, 'persisted-operation safelist enforced');
    const limits = operationLimits(config);
    const armor = armorProtection(limits);
    const authenticate = createAuthenticator(config);
    const gateway = createGateway({
      executableSdl: supergraph.executableSdl,
      overrides: subgraphUrlOverrides(config),
      headers: createSubgraphHeaders(config.SUBGRAPH_JWT_SECRET),
      calls: subgraphCallSettings(config),
      logger,
      onExchange: (subgraph, outcome, seconds) => {
        gatewayMetrics.subgraphFetches.inc({ subgraph, outcome });
        gatewayMetrics.subgraphFetchDuration.observe({ subgraph }, seconds);
      },
    });
    let apiSchema: GraphQLSchema | null = null;
    gateway.onSchemaLoadOrUpdate(({ apiSchema: schema }) => {
      apiSchema = schema;
    });
    const apollo = new ApolloServer<GatewayContext>({
      gateway,
      formatError: gatewayFormatError(config.NODE_ENV === 'development'),
      includeStacktraceInErrorResponses: false,
      // The entry point stops the gateway on SIGINT/SIGTERM itself (websockets, HTTP, NATS).
      stopOnTerminationSignals: false,
      introspection: config.GRAPHQL_INTROSPECTION,
      validationRules: armor.validationRules,
      parseOptions: parseOptions(limits),
      persistedQueries: persistedQueries(config, redis),
      plugins: [
        metricsPlugin<GatewayContext>(metrics),
        operationMetricsPlugin<GatewayContext>(gatewayMetrics),
        errorLoggingPlugin(),
        securityPlugin(guard, config.COST_LIMIT, gatewayMetrics),
        ...armor.plugins,
        ApolloServerPluginLandingPageDisabled(),
      ],
    });
    const html = graphiqlHtml(config.GRAPHIQL_DEV_TOKEN);
    const serveDashboard = dashboardRoute(config.DASHBOARD_DIR);
    const forwardWebhook = githubWebhookForwarder({ target: githubWebhookTarget(supergraph.document, config.ACHIEVEMENTS_URL), timeoutMs: 10_000, logger });
    const graphql = await listenGraphQL({
      apollo,
      authenticate: counted(gatewayMetrics, 'UNAUTHENTICATED', (req: IncomingMessage) => authenticate(req.headers.authorization)),
      ...(safelist ? { screen: countedSync(gatewayMetrics, 'PERSISTED_QUERY_NOT_IN_LIST', (request: Record<string, unknown>) => safelist.admit(request)) } : {}),
      context: async (req, principal) => gatewayContext(req.headers, principal, logger),
      port: config.GATEWAY_PORT,
      host: config.GATEWAY_HOST,
      logger,
      route: (req, res) => {
        if (forwardWebhook(req, res)) return true;
        const wantsHtml = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
        if (wantsHtml && (req.url ?? '').split('?')[0] === '/graphql') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
          return true;
        }
        return serveDashboard(req, res);
      },
    });
    steps.unshift({ name: 'close http server', run: () => graphql.close() });
    const hub = new NatsHub(nc, logger, natsNames(config.NATS_PREFIX).streams.events);
    const bridge = new SubscriptionBridge({
      hub,
      logger,
      queueLimit: config.SUBSCRIPTION_QUEUE_LIMIT,
      trajectoryWaitMs: config.SUBSCRIPTION_TRAJECTORY_WAIT_MS,
      subjects: subjectsFor(config.NATS_PREFIX),
      observer: {
        started: (field) => gatewayMetrics.subscriptionsActive.inc({ field }),
        ended: (field) => gatewayMetrics.subscriptionsActive.dec({ field }),
        delivered: (field) => gatewayMetrics.subscriptionEvents.inc({ field }),
        dropped: (field, count) => gatewayMetrics.subscriptionEventsDropped.inc({ field, reason: 'slow_subscriber' }, count),
      },
    });
    const closeWs = startWebSocketServer({
      server: graphql.server,
      apollo,
      bridge,
      getSchema: () => {
        if (!apiSchema) throw new Error('supergraph not loaded yet');
        return apiSchema;
      },
      authenticate,
      guard,
      metrics: gatewayMetrics,
      validationRules: armor.validationRules,
      maxTokens: config.MAX_TOKENS,
      safelist,
      logger,
      isProd: config.NODE_ENV !== 'development',
    });
    steps.unshift({ name: 'close websockets', run: closeWs });
    const admin = await startAdminServer({
      port: config.GATEWAY_ADMIN_PORT,
      host: config.ADMIN_HOST,
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
    steps.splice(2, 0, { name: 'close admin server', run: () => admin.close() });
    logger.info({ url: `http://localhost:${graphql.port}/graphql`, adminPort: admin.port }, 'gateway listening');
    return { url: graphql.url, port: graphql.port, adminPort: admin.port, stop: () => runShutdown(steps, logger) };
  } catch (err) {
    await runShutdown(steps, logger);
    throw err;
  }
}
