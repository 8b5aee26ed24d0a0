import { Counter } from 'prom-client';
import type { Registry } from 'prom-client';

/** Achievements-specific Prometheus metrics. */
export interface AchievementsMetrics {
  /** `achievements_created_total{source_type}`: achievements stored by `createAchievement`. */
  created: Counter<'source_type'>;
  /**
   * `achievements_webhook_deliveries_total{event,outcome}`: GitHub deliveries by event
   * (`pull_request`, `push`, `issues`, `ping`, else `other`: see {@link webhookEventLabel}) and
   * outcome: at the endpoint `refused` (bad signature), `invalid`, `duplicate`, `ignored`, `queued`;
   * in the worker `processed`, `skipped` (nothing to import), `failed` (gave up).
   */
  webhookDeliveries: Counter<'event' | 'outcome'>;
}

const EVENT_LABELS = new Set(['pull_request', 'push', 'issues', 'ping']);

/** The `event` label of a GitHub event name: the events the platform knows, else `other` (a bounded set). */
export function webhookEventLabel(event: string | undefined): string {
  return event && EVENT_LABELS.has(event) ? event : 'other';
}

/** Registers the achievements metrics on the service's registry (one call per registry). */
export function createAchievementsMetrics(registry: Registry): AchievementsMetrics {
  return {
    created: new Counter({
      name: 'achievements_created_total',
      help: 'Achievements created, by source type',
      labelNames: ['source_type'],
      registers: [registry],
    }),
    webhookDeliveries: new Counter({
      name: 'achievements_webhook_deliveries_total',
      help: 'GitHub webhook deliveries by event and outcome (refused, invalid, duplicate, ignored, queued; processed, skipped, failed)',
      labelNames: ['event', 'outcome'],
      registers: [registry],
    }),
  };
}
