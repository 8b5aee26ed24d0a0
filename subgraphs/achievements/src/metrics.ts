import { Counter } from 'prom-client';
import type { Registry } from 'prom-client';

/** Achievements-specific Prometheus metrics. */
export interface AchievementsMetrics {
  /** `achievements_created_total{source_type}`: achievements stored by `createAchievement`. */
  created: Counter<'source_type'>;
  /** `achievements_event_publish_failures_total`: `achievement.created` events that could not be published. */
  eventPublishFailures: Counter;
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
    eventPublishFailures: new Counter({
      name: 'achievements_event_publish_failures_total',
      help: 'achievement.created events that could not be published to NATS',
      registers: [registry],
    }),
  };
}
