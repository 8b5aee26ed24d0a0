import type { JetStreamClient } from '@nats-io/jetstream';
import type { Subjects } from '../../../../lib/events';
import { ConflictError, NotFoundError } from '../../../../lib/errors';
import type { Logger } from '../../../../lib/logger';
import { toVariant } from '../db/model';
import type { Variant } from '../db/model';
import { lockExperiment } from '../db/repositories/experiments';
import type { ExperimentsDb } from '../db/repositories/experiments';
import { addVariantCounts, findVariantsByIds } from '../db/repositories/variants';
import { performanceEventId, publishExperimentUpdated } from '../messaging/experiment-events';
import type { ExperimentsMetrics } from '../metrics';
import { announcePausedVariants, pausePoorVariants } from './early-stop';

/** Dependencies of {@link recordVariantPerformance}. */
export interface RecordVariantPerformanceDeps {
  db: ExperimentsDb;
  js: JetStreamClient;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  metrics: Pick<ExperimentsMetrics, 'eventPublishFailures' | 'variantsPaused'>;
  logger: Pick<Logger, 'info' | 'error'>;
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
 * atomically (`x = x + d`), and with `earlyStop` the early-stop rule runs. After the commit,
 * `experiment.updated` is published (CloudEvent id `<experiment>.performance.<variant>.<totals>`)
 * when something was added, plus one per variant paused (`announcePausedVariants`); publish
 * failures are logged and counted, not thrown. DRAFT experiments accept counts (back-fill before
 * the start); adding zero to both is allowed and changes nothing.
 *
 * @returns the variant after the addition
 * @throws {NotFoundError} unknown variant
 * @throws {ConflictError} the variant's experiment is COMPLETED (its counts are final: the
 *   numbers its winner was chosen on)
 */
export async function recordVariantPerformance(deps: RecordVariantPerformanceDeps, record: PerformanceRecord): Promise<Variant> {
  const changed = record.impressions > 0 || record.successes > 0;
  const result = await deps.db.transaction().execute(async (trx) => {
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
    return { experiment: { id: experiment.id, status: experiment.status }, variant: toVariant(row), paused };
  });
  if (changed) {
    try {
      await publishExperimentUpdated(deps.js, deps.subjects, performanceEventId(result.experiment.id, result.variant), result.experiment);
    } catch (err) {
      deps.metrics.eventPublishFailures.inc();
      deps.logger.error({ err, experimentId: result.experiment.id }, 'experiment.updated event not published');
    }
  }
  await announcePausedVariants(deps, result.experiment, result.paused);
  return result.paused.find((v) => v.id === result.variant.id) ?? result.variant;
}
