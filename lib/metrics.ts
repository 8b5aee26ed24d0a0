import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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

/** One gauge of {@link registerCollectedGauges}: its name and how to read its series off a snapshot. */
export interface CollectedGauge<S> {
  name: string;
  help: string;
  labelNames: string[];
  /** The gauge's series in `snapshot` (absent series are dropped at each scrape). */
  series(snapshot: S): Array<{ labels: Record<string, string>; value: number }>;
}

/**
 * Gauges computed at scrape time from one `read` (e.g. a database aggregate) shared by all of them:
 * the first gauge's collect reads a new snapshot at each scrape and the others reuse it
 * (prom-client collects a registry's metrics in registration order); each gauge is reset and
 * refilled, so series that disappeared from the data disappear from `/metrics`. When `read`
 * fails the gauges are empty for that scrape and `onError` is told; `/metrics` still answers.
 *
 * Labels must come from bounded sets (the `series` functions bound them).
 */
export function registerCollectedGauges<S>(
  registry: Registry,
  read: () => Promise<S>,
  gauges: ReadonlyArray<CollectedGauge<S>>,
  onError: (err: unknown) => void,
): void {
  let snapshot: Promise<S | null> | null = null;
  const readSnapshot = () =>
    read().catch((err: unknown) => {
      onError(err);
      return null;
    });
  gauges.forEach((spec, index) => {
    new Gauge({
      name: spec.name,
      help: spec.help,
      labelNames: spec.labelNames,
      registers: [registry],
      async collect() {
        if (index === 0 || !snapshot) snapshot = readSnapshot();
        const current = await snapshot;
        this.reset();
        if (current === null) return;
        for (const { labels, value } of spec.series(current)) this.set(labels, value);
      },
    });
  });
}

/**
 * Keeps a label's value set bounded when its values come from clients (e.g. operation names):
 * the first `limit` distinct values are kept as they are, later ones become `other`.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly limit: number,
    private readonly other = 'other',
  ) {}

  /** The label value to record for `value`. */
  valueOf(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.limit) return this.other;
    this.seen.add(value);
    return value;
  }
}
