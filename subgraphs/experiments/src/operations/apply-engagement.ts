import type { JetStreamClient } from '@nats-io/jetstream';
import type { PostEngagementData, Subjects } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import type { CloudEvent } from '../../../../lib/nats';
import { findAssignmentByPostId, lockAssignmentByPostId, updateRecordedOutcome } from '../db/repositories/assignments';
import { recordEvent } from '../db/repositories/events';
import type { Variant } from '../db/model';
import type { ExperimentsDb } from '../db/repositories/experiments';
import { addVariantCounts } from '../db/repositories/variants';
import { foldEngagement } from '../domain/engagement-outcome';
import { countsOutcomes } from '../domain/experiment-status';
import type { ExperimentStatus } from '../domain/experiment-status';
import { publishExperimentUpdated } from '../messaging/experiment-events';
import type { ExperimentsWorkerMetrics } from '../metrics';
import { announcePausedVariants, pausePoorVariants } from './early-stop';

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
 * (`pausePoorVariants`).
 */
export async function applyEngagementEvent(db: ExperimentsDb, event: CloudEvent<PostEngagementData>): Promise<EngagementResult> {
  const none = { impressionsDelta: 0, successesDelta: 0, paused: [] };
  const postId = event.data.postId;
  if (!(await findAssignmentByPostId(db, postId))) return { outcome: 'unassigned', ...none };
  return db.transaction().execute(async (trx): Promise<EngagementResult> => {
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
    return { outcome: 'applied', experimentId, experimentStatus, impressionsDelta: update.impressionsDelta, successesDelta: update.successesDelta, paused };
  });
}

/** Dependencies of {@link processEngagementEvent}. */
export interface ProcessEngagementDeps {
  db: ExperimentsDb;
  js: JetStreamClient;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  logger: Pick<Logger, 'debug' | 'info' | 'error'>;
  metrics: Pick<ExperimentsWorkerMetrics, 'outcomeEvents' | 'outcomesApplied' | 'eventPublishFailures' | 'variantsPaused'>;
}

/**
 * Applies one engagement event (see {@link applyEngagementEvent}) and counts it in
 * `experiments_outcome_events_total{outcome}`. When counts changed (`applied`), also counts
 * `experiments_outcomes_applied_total` and publishes `experiment.updated` (CloudEvent id
 * `<experiment id>.outcome.<engagement event id>`) so that `experimentUpdated` subscribers see
 * live results; a publish failure is logged and counted, not thrown (nor retried). Each variant
 * the early-stop rule paused gets its own `experiment.updated` (see `announcePausedVariants`).
 *
 * @returns how the event was handled
 * @throws when Postgres fails (the event should be redelivered)
 */
export async function processEngagementEvent(deps: ProcessEngagementDeps, event: CloudEvent<PostEngagementData>): Promise<EngagementResult> {
  const result = await applyEngagementEvent(deps.db, event);
  deps.metrics.outcomeEvents.inc({ outcome: result.outcome });
  if (result.outcome !== 'applied' || !result.experimentId || !result.experimentStatus) return result;
  deps.metrics.outcomesApplied.inc();
  deps.logger.debug({ postId: event.data.postId, experimentId: result.experimentId, outcome: result.outcome, impressionsDelta: result.impressionsDelta, successesDelta: result.successesDelta }, 'engagement applied');
  try {
    await publishExperimentUpdated(deps.js, deps.subjects, `${result.experimentId}.outcome.${event.id}`, {
      id: result.experimentId,
      status: result.experimentStatus,
    });
  } catch (err) {
    deps.metrics.eventPublishFailures.inc();
    deps.logger.error({ err, experimentId: result.experimentId }, 'experiment.updated event not published');
  }
  await announcePausedVariants(deps, { id: result.experimentId, status: result.experimentStatus }, result.paused);
  return result;
}
