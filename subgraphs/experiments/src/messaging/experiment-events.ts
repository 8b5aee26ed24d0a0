import { eventTypes } from '../../../../lib/events';
import type { ExperimentUpdatedData, Subjects } from '../../../../lib/events';
import { createCloudEvent } from '../../../../lib/nats';
import type { OutgoingEvent } from '../../../../lib/outbox';

/** CloudEvents `source` of events published by the experiments subgraph and its worker. */
export const EXPERIMENTS_EVENT_SOURCE = '/subgraphs/experiments';

/**
 * `events.experiments.experiment.updated` for the outbox (keys and status only; subscribers
 * resolve the rest through the supergraph). `eventId` should be deterministic for one fact (e.g.
 * the experiment id, its new status and the change time) so that a republish is deduplicated.
 */
export function experimentUpdatedEvent(subjects: Subjects, eventId: string, experiment: { id: string; status: string }): OutgoingEvent {
  const data: ExperimentUpdatedData = { experimentId: experiment.id, status: experiment.status };
  return {
    subject: subjects.experimentUpdated,
    event: createCloudEvent({ id: eventId, source: EXPERIMENTS_EVENT_SOURCE, type: eventTypes.experimentUpdated, subject: experiment.id, data }),
  };
}

/** Deterministic CloudEvent id of a status change: `<experiment id>.<status>.<change time ms>`. */
export function statusChangeEventId(experiment: { id: string; status: string; updatedAt: Date }): string {
  return `${experiment.id}.${experiment.status}.${experiment.updatedAt.getTime()}`;
}

/** Deterministic CloudEvent id of a variant paused by the early-stop rule (a variant is paused once): `<experiment id>.variant-paused.<variant id>`. */
export function pausedVariantEventId(experimentId: string, variantId: string): string {
  return `${experimentId}.variant-paused.${variantId}`;
}

/**
 * Deterministic CloudEvent id of counts added by `recordVariantPerformance`:
 * `<experiment id>.performance.<variant id>.<impressions>.<successes>` with the variant's totals
 * after the addition (counts only grow, so each addition has its own totals).
 */
export function performanceEventId(experimentId: string, variant: { id: string; impressions: number; successes: number }): string {
  return `${experimentId}.performance.${variant.id}.${variant.impressions}.${variant.successes}`;
}
