import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/** Metrics of emotion analysis, registered on a service's registry. */
export interface EmotionMetrics {
  /** `emotion_analysis_duration_seconds{source}`: time to analyse one text (`source` = api | worker). */
  analysisDuration: Histogram<'source'>;
  /** `emotion_trajectories_stored_total{outcome}`: post.created events stored (`created` new text, `existing` shared text, `duplicate` post already linked). */
  trajectoriesStored: Counter<'outcome'>;
  /** `emotion_events_failed_total`: post.created events given up (invalid, or out of deliveries). */
  eventsFailed: Counter<never>;
}

/** Creates the emotion metrics on `registry`. */
export function createEmotionMetrics(registry: Registry): EmotionMetrics {
  return {
    analysisDuration: new Histogram({
      name: 'emotion_analysis_duration_seconds',
      help: 'Time to analyse one text (segmentation, Plutchik-8 scoring, VADER, trajectory), in seconds',
      labelNames: ['source'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
      registers: [registry],
    }),
    trajectoriesStored: new Counter({
      name: 'emotion_trajectories_stored_total',
      help: 'post.created events stored, by outcome (created, existing, duplicate)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    eventsFailed: new Counter({
      name: 'emotion_events_failed_total',
      help: 'post.created events given up (invalid payload or out of deliveries)',
      registers: [registry],
    }),
  };
}
