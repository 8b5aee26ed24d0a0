import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Per-service Prometheus registry plus the GraphQL request metrics every server records. */
export interface ServiceMetrics {
  registry: Registry;
  /** `graphql_requests_total{operation_type, outcome}`. */
  graphqlRequests: Counter<'operation_type' | 'outcome'>;
  /** `graphql_request_duration_seconds{operation_type}`. */
  graphqlDuration: Histogram<'operation_type'>;
}

/**
 * Creates a registry with default Node metrics and the `service` label on every series.
 * Each service owns its registry (no global one), so several services can share a process.
 */
export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    graphqlRequests: new Counter({
      name: 'graphql_requests_total',
      help: 'GraphQL operations executed, by type and outcome (ok, error)',
      labelNames: ['operation_type', 'outcome'],
      registers: [registry],
    }),
    graphqlDuration: new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'GraphQL operation duration in seconds',
      labelNames: ['operation_type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}
