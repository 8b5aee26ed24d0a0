import type { Subjects } from '../../../../lib/events';
import { ConflictError, NotFoundError, ValidationError } from '../../../../lib/errors';
import type { Outbox } from '../../../../lib/outbox';
import { toExperiment, toVariant } from '../db/model';
import type { Experiment } from '../db/model';
import { ActiveExperimentExistsError, findActiveExperiment, lockExperiment, updateExperimentStatus } from '../db/repositories/experiments';
import type { ExperimentsDb } from '../db/repositories/experiments';
import { findVariantsByExperimentIds, findVariantsByIds } from '../db/repositories/variants';
import type { ExperimentRow, ExperimentsDatabase } from '../db/database';
import { allowedFrom, nextStatus } from '../domain/experiment-status';
import type { StatusAction } from '../domain/experiment-status';
import { compareWithControl } from '../domain/significance';
import { chooseWinner } from '../domain/winner-selection';
import { experimentUpdatedEvent, statusChangeEventId } from '../messaging/experiment-events';
import type { ExperimentsMetrics } from '../metrics';

const ENTITY = 'Experiment';

/** Dependencies of {@link changeExperimentStatus}. */
export interface ChangeExperimentStatusDeps {
  /** The subgraph's transactional outbox. */
  outbox: Outbox<ExperimentsDatabase>;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  metrics: Pick<ExperimentsMetrics, 'statusChanges'>;
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
 * Applies a status transition and writes its `experiment.updated` (CloudEvent id
 * `<id>.<status>.<updated at ms>`) to the outbox in one transaction (row locked `for update`),
 * then counts it in `experiments_status_changes_total`.
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
  const row = await deps.outbox.transaction(async (trx, emit) => {
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
      const updated = await updateExperimentStatus(trx, id, {
        status,
        markStarted: status === 'ACTIVE',
        markEnded: status === 'COMPLETED',
        ...(status === 'COMPLETED' ? { winnerVariantId: winnerVariantId ?? (await automaticWinner(trx, current)) } : {}),
      });
      emit(experimentUpdatedEvent(deps.subjects, statusChangeEventId({ id, status: updated.status, updatedAt: updated.updated_at }), { id, status: updated.status }));
      return updated;
    } catch (err) {
      if (err instanceof ActiveExperimentExistsError) {
        throw new ConflictError(`Persona ${current.persona_id} already has an active experiment; pause or complete it first`, { cause: err });
      }
      throw err;
    }
  });
  const experiment = toExperiment(row);
  deps.metrics.statusChanges.inc({ status: experiment.status });
  return experiment;
}

/** Winner of an experiment being completed without one: `chooseWinner` over its current counts (null without variants). */
async function automaticWinner(trx: ExperimentsDb, experiment: ExperimentRow): Promise<string | null> {
  const variants = (await findVariantsByExperimentIds(trx, [experiment.id])).map(toVariant);
  const comparisons = compareWithControl(variants, { significanceLevel: experiment.significance_level, minImpressions: experiment.min_impressions });
  return chooseWinner(comparisons)?.id ?? null;
}
