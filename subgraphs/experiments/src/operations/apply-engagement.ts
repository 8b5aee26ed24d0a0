import type { PostEngagementData, Subjects } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import type { CloudEvent } from '../../../../lib/nats';
import type { Outbox } from '../../../../lib/outbox';
import { findAssignmentByPostId, lockAssignmentByPostId, updateRecordedOutcome } from '../db/repositories/assignments';
import { recordEvent } from '../db/repositories/events';
import type { Variant } from '../db/model';
import type { ExperimentsDatabase } from '../db/database';
import type { ExperimentsDb } from '../db/repositories/experiments';
import { addVariantCounts } from '../db/repositories/variants';
import { foldEngagement } from '../domain/engagement-outcome';
import { countsOutcomes } from '../domain/experiment-status';
import type { ExperimentStatus } from '../domain/experiment-status';
import { experimentUpdatedEvent } from '../messaging/experiment-events';
import type { ExperimentsWorkerMetrics } from '../metrics';
import { pausedVariantEvents, pausePoorVariants, reportPausedVariants } from './early-stop';

/** How an engagement event was handled (label of `experiments_outcome_events_total`). */
export type EngagementOutcome = 'applied' | 'unchanged' | 'duplicate' | 'unassigned' | 'completed';

/** Result of {@link applyEngagementEvent}. */
export interface EngagementResult {
  outcome: EngagementOutcome;
  /** Experiment of the post's assignment (absent when unassigned). */
  experimentId?: string;
  /** Status of that experiment when the event was applied. */
  experimentStatus?: ExperimentStatus;
  /** Amounts added to the variant (0 unless `applied`). */
  impressionsDelta: number;
  successesDelta: number;
  /** Variants the early-stop rule paused because of this event (empty unless `applied` with `earlyStop`). */
  paused: Variant[];
}

/**
 * Folds a `post.engagement` event (absolute totals of one post) into the counts of the post's
 * variant. A post without an assignment is ignored (nothing written). Otherwise, in ONE
 * transaction: the CloudEvent id is recorded in `experiment_events` (a repeat of the same id
 * stops there), the assignment row is locked, and the positive difference between the new
 * totals and the recorded high-water mark (see `foldEngagement`) is added to the variant's
 * impressions and successes. Replays of the same totals under a new event id add nothing, and
 * older (lower) totals are ignored. A COMPLETED experiment's counts are final: the event is
 * recorded but not counted (the experiment row is read `for share`, so an event racing with
 * `completeExperiment` waits for it and then sees COMPLETED). When counts changed and the
 * experiment was created with `earlyStop`, the early-stop rule runs in the same transaction
 * (`pausePoorVariants`); so do the outbox rows of `experiment.updated` (CloudEvent id
 * `<experiment id>.outcome.<engagement event id>`, plus one per paused variant, see
 * `pausedVariantEvents`), so that a crash after the commit loses no event.
 */
export async function applyEngagementEvent(deps: Pick<ProcessEngagementDeps, 'db' | 'outbox' | 'subjects'>, event: CloudEvent<PostEngagementData>): Promise<EngagementResult> {
  const none = { impressionsDelta: 0, successesDelta: 0, paused: [] };
  const postId = event.data.postId;
  if (!(await findAssignmentByPostId(deps.db, postId))) return { outcome: 'unassigned', ...none };
  return deps.outbox.transaction(async (trx, emit): Promise<EngagementResult> => {
    const fresh = await recordEvent(trx, { id: event.id, type: event.type, postId, data: event.data });
    if (!fresh) return { outcome: 'duplicate', ...none };
    const assignment = await lockAssignmentByPostId(trx, postId);
    if (!assignment) return { outcome: 'unassigned', ...none };
    const experimentId = assignment.experiment_id;
    const experimentStatus = assignment.experiment_status;
    if (!countsOutcomes(experimentStatus)) return { outcome: 'completed', experimentId, experimentStatus, ...none };
    const update = foldEngagement(
      { impressions: Number(assignment.recorded_impressions), successes: Number(assignment.recorded_successes) },
      event.data,
    );
    if (update.impressionsDelta === 0 && update.successesDelta === 0) return { outcome: 'unchanged', experimentId, experimentStatus, ...none };
    await addVariantCounts(trx, assignment.variant_id, update.impressionsDelta, update.successesDelta);
    await updateRecordedOutcome(trx, assignment.job_id, update.recorded.impressions, update.recorded.successes);
    const paused = assignment.experiment_early_stop ? await pausePoorVariants(trx, experimentId) : [];
    const experiment = { id: experimentId, status: experimentStatus };
    emit(experimentUpdatedEvent(deps.subjects, `${experimentId}.outcome.${event.id}`, experiment));
    for (const pausedEvent of pausedVariantEvents(deps.subjects, experiment, paused)) emit(pausedEvent);
    return { outcome: 'applied', experimentId, experimentStatus, impressionsDelta: update.impressionsDelta, successesDelta: update.successesDelta, paused };
  });
}

/** Dependencies of {@link processEngagementEvent}. */
export interface ProcessEngagementDeps {
  db: ExperimentsDb;
  /** The subgraph's transactional outbox. */
  outbox: Outbox<ExperimentsDatabase>;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  logger: Pick<Logger, 'debug' | 'info'>;
  metrics: Pick<ExperimentsWorkerMetrics, 'outcomeEvents' | 'outcomesApplied' | 'variantsPaused'>;
}

/**
 * Applies one engagement event (see {@link applyEngagementEvent}) and counts it in
 * `experiments_outcome_events_total{outcome}`. When counts changed (`applied`), also counts
 * `experiments_outcomes_applied_total` and the variants the early-stop rule paused
 * (`reportPausedVariants`); their `experiment.updated` events went through the outbox.
 *
 * @returns how the event was handled
 * @throws when Postgres fails (the event should be redelivered)
 */
export async function processEngagementEvent(deps: ProcessEngagementDeps, event: CloudEvent<PostEngagementData>): Promise<EngagementResult> {
  const result = await applyEngagementEvent(deps, event);
  deps.metrics.outcomeEvents.inc({ outcome: result.outcome });
  if (result.outcome !== 'applied' || !result.experimentId || !result.experimentStatus) return result;
  deps.metrics.outcomesApplied.inc();
  deps.logger.debug({ postId: event.data.postId, experimentId: result.experimentId, outcome: result.outcome, impressionsDelta: result.impressionsDelta, successesDelta: result.successesDelta }, 'engagement applied');
  reportPausedVariants(deps, { id: result.experimentId }, result.paused);
  return result;
}
