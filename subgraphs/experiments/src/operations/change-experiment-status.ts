import type { JetStreamClient } from '@nats-io/jetstream';
import type { Subjects } from '../../../../lib/events';
import { ConflictError, NotFoundError, ValidationError } from '../../../../lib/errors';
import type { Logger } from '../../../../lib/logger';
import { toExperiment, toVariant } from '../db/model';
import type { Experiment } from '../db/model';
import { ActiveExperimentExistsError, findActiveExperiment, lockExperiment, updateExperimentStatus } from '../db/repositories/experiments';
import type { ExperimentsDb } from '../db/repositories/experiments';
import { findVariantsByExperimentIds, findVariantsByIds } from '../db/repositories/variants';
import type { ExperimentRow } from '../db/database';
import { allowedFrom, nextStatus } from '../domain/experiment-status';
import type { StatusAction } from '../domain/experiment-status';
import { compareWithControl } from '../domain/significance';
import { chooseWinner } from '../domain/winner-selection';
import { publishExperimentUpdated, statusChangeEventId } from '../messaging/experiment-events';
import type { ExperimentsMetrics } from '../metrics';

const ENTITY = 'Experiment';

/** Dependencies of {@link changeExperimentStatus}. */
export interface ChangeExperimentStatusDeps {
  db: ExperimentsDb;
  js: JetStreamClient;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  metrics: Pick<ExperimentsMetrics, 'statusChanges' | 'eventPublishFailures'>;
  logger: Pick<Logger, 'error'>;
}

/** A requested status change. */
export interface StatusChangeRequest {
  /** Experiment id (a UUID). */
  id: string;
  /** `start` (DRAFT | PAUSED -> ACTIVE), `pause` (ACTIVE -> PAUSED) or `complete` (ACTIVE | PAUSED -> COMPLETED). */
  action: StatusAction;
  /**
   * Winner recorded by `complete` (one of the experiment's variants); absent or null: chosen by
   * the seed's rule (`chooseWinner`). Ignored by other actions.
   */
  winnerVariantId?: string | null;
}

/**
 * Applies a status transition in one transaction (row locked `for update`), counts it in
 * `experiments_status_changes_total`, then publishes `experiment.updated` (CloudEvent id
 * `<id>.<status>.<updated at ms>`). A publish failure is logged and counted, not thrown: the
 * change is committed (an outbox table would make the event as durable as the row).
 *
 * `complete` without a winner picks one from the final counts, read under the experiment's
 * lock: the best treatment significantly better than the control at the experiment's
 * `significanceLevel` (two-proportion z-test, `compareWithControl`), else the control.
 *
 * @returns the experiment after the change
 * @throws {NotFoundError} unknown experiment
 * @throws {ConflictError} transition not allowed from the current status, or another ACTIVE
 *   experiment of the persona
 * @throws {ValidationError} winner that is not one of the experiment's variants
 */
export async function changeExperimentStatus(deps: ChangeExperimentStatusDeps, request: StatusChangeRequest): Promise<Experiment> {
  const { id, action, winnerVariantId } = request;
  const row = await deps.db.transaction().execute(async (trx) => {
    const current = await lockExperiment(trx, id);
    if (!current) throw new NotFoundError(ENTITY, id);
    const status = nextStatus(current.status, action);
    if (!status) {
      throw new ConflictError(`Cannot ${action} an experiment that is ${current.status} (allowed from ${allowedFrom(action).join(', ')})`);
    }
    if (status === 'ACTIVE') {
      const active = await findActiveExperiment(trx, current.persona_id);
      if (active && active.id !== id) {
        throw new ConflictError(`Persona ${current.persona_id} already has an active experiment (${active.id}); pause or complete it first`);
      }
    }
    if (winnerVariantId) {
      const [winner] = await findVariantsByIds(trx, [winnerVariantId]);
      if (!winner || winner.experiment_id !== id) {
        const message = 'must be one of the experiment\'s variants';
        throw new ValidationError(`Invalid input: winnerVariantId: ${message}`, { winnerVariantId: message });
      }
    }
    try {
      return await updateExperimentStatus(trx, id, {
        status,
        markStarted: status === 'ACTIVE',
        markEnded: status === 'COMPLETED',
        ...(status === 'COMPLETED' ? { winnerVariantId: winnerVariantId ?? (await automaticWinner(trx, current)) } : {}),
      });
    } catch (err) {
      if (err instanceof ActiveExperimentExistsError) {
        throw new ConflictError(`Persona ${current.persona_id} already has an active experiment; pause or complete it first`, { cause: err });
      }
      throw err;
    }
  });
  const experiment = toExperiment(row);
  deps.metrics.statusChanges.inc({ status: experiment.status });
  try {
    await publishExperimentUpdated(deps.js, deps.subjects, statusChangeEventId(experiment), experiment);
  } catch (err) {
    deps.metrics.eventPublishFailures.inc();
    deps.logger.error({ err, experimentId: id }, 'experiment.updated event not published');
  }
  return experiment;
}

/** Winner of an experiment being completed without one: `chooseWinner` over its current counts (null without variants). */
async function automaticWinner(trx: ExperimentsDb, experiment: ExperimentRow): Promise<string | null> {
  const variants = (await findVariantsByExperimentIds(trx, [experiment.id])).map(toVariant);
  const comparisons = compareWithControl(variants, { significanceLevel: experiment.significance_level, minImpressions: experiment.min_impressions });
  return chooseWinner(comparisons)?.id ?? null;
}
