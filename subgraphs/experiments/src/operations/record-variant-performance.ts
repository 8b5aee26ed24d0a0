import type { Subjects } from '../../../../lib/events';
import { ConflictError, NotFoundError } from '../../../../lib/errors';
import type { Logger } from '../../../../lib/logger';
import type { Outbox } from '../../../../lib/outbox';
import { toVariant } from '../db/model';
import type { Variant } from '../db/model';
import { lockExperiment } from '../db/repositories/experiments';
import type { ExperimentsDatabase } from '../db/database';
import { addVariantCounts, findVariantsByIds } from '../db/repositories/variants';
import { experimentUpdatedEvent, performanceEventId } from '../messaging/experiment-events';
import type { ExperimentsMetrics } from '../metrics';
import { pausedVariantEvents, pausePoorVariants, reportPausedVariants } from './early-stop';

/** Dependencies of {@link recordVariantPerformance}. */
export interface RecordVariantPerformanceDeps {
  /** The subgraph's transactional outbox. */
  outbox: Outbox<ExperimentsDatabase>;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  metrics: Pick<ExperimentsMetrics, 'variantsPaused'>;
  logger: Pick<Logger, 'info'>;
}

/** Counts to add to a variant (validated by the caller: integers, 0 <= successes <= impressions). */
export interface PerformanceRecord {
  /** Variant id (a UUID). */
  variantId: string;
  /** Impressions to add (integer >= 0). */
  impressions: number;
  /** Successes to add (integer, 0..impressions), so the totals keep successes <= impressions. */
  successes: number;
}

/**
 * Adds counts to a variant in bulk, as the seed's `POST /variants/{id}/performance` with a
 * `batch_size` did: for imports and back-fills of engagement measured elsewhere. One
 * transaction: the variant's experiment is locked (`for update`, so a concurrent
 * `completeExperiment` either sees these counts or refuses them), the counts are added
 * atomically (`x = x + d`), and with `earlyStop` the early-stop rule runs; the outbox gets
 * `experiment.updated` (CloudEvent id `<experiment>.performance.<variant>.<totals>`) when
 * something was added, plus one per variant paused (`pausedVariantEvents`). DRAFT experiments accept counts (back-fill before
 * the start); adding zero to both is allowed and changes nothing.
 *
 * @returns the variant after the addition
 * @throws {NotFoundError} unknown variant
 * @throws {ConflictError} the variant's experiment is COMPLETED (its counts are final: the
 *   numbers its winner was chosen on)
 */
export async function recordVariantPerformance(deps: RecordVariantPerformanceDeps, record: PerformanceRecord): Promise<Variant> {
  const changed = record.impressions > 0 || record.successes > 0;
  const result = await deps.outbox.transaction(async (trx, emit) => {
    const [found] = await findVariantsByIds(trx, [record.variantId]);
    if (!found) throw new NotFoundError('Variant', record.variantId);
    const experiment = await lockExperiment(trx, found.experiment_id);
    if (!experiment) throw new NotFoundError('Experiment', found.experiment_id);
    if (experiment.status === 'COMPLETED') {
      throw new ConflictError(`Experiment ${experiment.id} is COMPLETED: its counts are final`);
    }
    const row = await addVariantCounts(trx, record.variantId, record.impressions, record.successes);
    if (!row) throw new NotFoundError('Variant', record.variantId);
    const paused = changed && experiment.early_stop ? await pausePoorVariants(trx, experiment.id) : [];
    const summary = { id: experiment.id, status: experiment.status };
    const variant = toVariant(row);
    if (changed) emit(experimentUpdatedEvent(deps.subjects, performanceEventId(experiment.id, variant), summary));
    for (const pausedEvent of pausedVariantEvents(deps.subjects, summary, paused)) emit(pausedEvent);
    return { experiment: summary, variant, paused };
  });
  reportPausedVariants(deps, result.experiment, result.paused);
  return result.paused.find((v) => v.id === result.variant.id) ?? result.variant;
}
