import { Counter, Gauge, Histogram } from 'prom-client';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Registry } from 'prom-client';
import { BoundedLabel } from '../../lib/metrics';

/** Error codes the gateway refuses operations with (the reasons counted). */
const REFUSAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED', 'OPERATION_TOO_COMPLEX', 'PERSISTED_QUERY_NOT_IN_LIST', 'BAD_REQUEST']);
const LIMITS = new Set(['maxDepth', 'maxAliases', 'maxDirectives', 'maxTokens', 'cost']);

/** The gateway's own metrics, besides the GraphQL request metrics every server records. */
export interface GatewayMetrics {
  /**
   * `gateway_operations_refused_total{reason}`: operations refused at the edge; `reason` is the
   * error code in lower case, with the limit for `operation_too_complex` (e.g.
   * `operation_too_complex:maxDepth`). A bounded label set.
   */
  refused: Counter<'reason'>;
  /** Counts a refusal with this error code (and limit), ignoring codes that are not refusals. */
  countRefusal(code: unknown, limit?: unknown): void;
  /** `gateway_subgraph_fetches_total{subgraph,outcome}`: HTTP exchanges with subgraphs (`ok`, `unavailable`). */
  subgraphFetches: Counter<'subgraph' | 'outcome'>;
  /** `gateway_subgraph_fetch_duration_seconds{subgraph}`: time of one exchange, retries included. */
  subgraphFetchDuration: Histogram<'subgraph'>;
  /** `gateway_websocket_connections`: graphql-ws connections past `connection_init`. */
  websocketConnections: Gauge<never>;
  /** `gateway_subscriptions_active{field}`: subscriptions being served, by root field. */
  subscriptionsActive: Gauge<'field'>;
  /** `gateway_subscription_events_total{field}`: results sent to subscribers. */
  subscriptionEvents: Counter<'field'>;
  /** `gateway_subscription_events_dropped_total{field,reason}`: events a subscriber never got (`slow_subscriber`: its queue overflowed). */
  subscriptionEventsDropped: Counter<'field' | 'reason'>;
  /**
   * `gateway_operations_total{operation,type,outcome}`: HTTP operations executed, by operation name
   * (`anonymous` without one; the first {@link OPERATION_NAMES_KEPT} names, then `other`), type and
   * outcome (`ok`, `error`).
   */
  operations: Counter<'operation' | 'type' | 'outcome'>;
  /** Counts one executed operation (bounding its name). */
  countOperation(name: string | null | undefined, type: string, outcome: 'ok' | 'error'): void;
}

/** Distinct operation names with their own `gateway_operations_total` series. */
export const OPERATION_NAMES_KEPT = 200;

/** Registers the gateway's metrics in its registry. */
export function createGatewayMetrics(registry: Registry): GatewayMetrics {
  const refused = new Counter({
    name: 'gateway_operations_refused_total',
    help: 'Operations refused at the edge (authentication, authorization, limits, rate limits, safelist), by reason',
    labelNames: ['reason'],
    registers: [registry],
  });
  const operations = new Counter({
    name: 'gateway_operations_total',
    help: 'HTTP operations executed, by operation name (bounded), type and outcome (ok, error)',
    labelNames: ['operation', 'type', 'outcome'],
    registers: [registry],
  });
  const operationNames = new BoundedLabel(OPERATION_NAMES_KEPT);
  return {
    subgraphFetches: new Counter({
      name: 'gateway_subgraph_fetches_total',
      help: 'HTTP exchanges with subgraphs, by subgraph and outcome (ok, unavailable)',
      labelNames: ['subgraph', 'outcome'],
      registers: [registry],
    }),
    subgraphFetchDuration: new Histogram({
      name: 'gateway_subgraph_fetch_duration_seconds',
      help: 'Time of one HTTP exchange with a subgraph (retries included), in seconds',
      labelNames: ['subgraph'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    }),
    websocketConnections: new Gauge({ name: 'gateway_websocket_connections', help: 'graphql-ws connections past connection_init', registers: [registry] }),
    subscriptionsActive: new Gauge({ name: 'gateway_subscriptions_active', help: 'Subscriptions being served, by root field', labelNames: ['field'], registers: [registry] }),
    subscriptionEvents: new Counter({ name: 'gateway_subscription_events_total', help: 'Results sent to subscribers, by root field', labelNames: ['field'], registers: [registry] }),
    subscriptionEventsDropped: new Counter({
      name: 'gateway_subscription_events_dropped_total',
      help: 'Events a subscriber never got, by root field and reason (slow_subscriber)',
      labelNames: ['field', 'reason'],
      registers: [registry],
    }),
    operations,
    countOperation(name, type, outcome) {
      operations.inc({ operation: operationNames.valueOf(name || 'anonymous'), type, outcome });
    },
    refused,
    countRefusal(code, limit) {
      if (typeof code !== 'string' || !REFUSAL_CODES.has(code)) return;
      const suffix = code === 'OPERATION_TOO_COMPLEX' && typeof limit === 'string' && LIMITS.has(limit) ? `:${limit}` : '';
      refused.inc({ reason: `${code.toLowerCase()}${suffix}` });
    },
  };
}

/**
 * Apollo Server plugin counting every client operation the gateway executes in
 * `gateway_operations_total` (not the queries the subscription bridge runs for its subscribers:
 * `internal` contexts).
 */
export function operationMetricsPlugin<TContext extends BaseContext & { internal: boolean }>(metrics: Pick<GatewayMetrics, 'countOperation'>): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.internal) return {};
      return {
        async willSendResponse({ operation, operationName, errors }) {
          if (!operation) return;
          metrics.countOperation(operationName, operation.operation, errors?.length ? 'error' : 'ok');
        },
      };
    },
  };
}
