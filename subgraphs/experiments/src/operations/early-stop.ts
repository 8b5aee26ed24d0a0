import type { JetStreamClient } from '@nats-io/jetstream';
import type { Counter } from 'prom-client';
import type { Subjects } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import { toVariant } from '../db/model';
import type { Variant } from '../db/model';
import type { ExperimentsDb } from '../db/repositories/experiments';
import { findVariantsByExperimentIds, pauseVariant } from '../db/repositories/variants';
import { variantsToStopEarly } from '../domain/early-stop';
import { pausedVariantEventId, publishExperimentUpdated } from '../messaging/experiment-events';

/**
 * Applies the early-stop rule (`variantsToStopEarly`) to an experiment's current counts inside
 * the caller's transaction: each poor ACTIVE treatment is set PAUSED with its reason. Call it
 * after the counts changed, and only for experiments created with `earlyStop: true`.
 * Idempotent: a variant is paused once (`pauseVariant` only matches ACTIVE rows), so a replay,
 * or a concurrent transaction that reached the same verdict, pauses nothing more.
 *
 * @param trx a transaction (the pauses commit with the counts that caused them)
 * @returns the variants this call paused (empty when none)
 */
export async function pausePoorVariants(trx: ExperimentsDb, experimentId: string): Promise<Variant[]> {
  const variants = (await findVariantsByExperimentIds(trx, [experimentId])).map(toVariant);
  const paused: Variant[] = [];
  for (const { variant, reason } of variantsToStopEarly(variants)) {
    const row = await pauseVariant(trx, variant.id, reason);
    if (row) paused.push(toVariant(row));
  }
  return paused;
}

/** Dependencies of {@link announcePausedVariants}. */
export interface AnnouncePausedDeps {
  js: JetStreamClient;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  logger: Pick<Logger, 'info' | 'error'>;
  metrics: { variantsPaused: Counter<'reason'>; eventPublishFailures: Counter };
}

/**
 * After the pauses committed: logs and counts each (`experiments_variants_paused_total{reason}`)
 * and publishes one `experiment.updated` per paused variant (CloudEvent id
 * `<experiment id>.variant-paused.<variant id>`, so a republish is deduplicated). A publish
 * failure is logged and counted, not thrown: the pause is committed.
 */
export async function announcePausedVariants(
  deps: AnnouncePausedDeps,
  experiment: { id: string; status: string },
  paused: readonly Variant[],
): Promise<void> {
  for (const variant of paused) {
    deps.metrics.variantsPaused.inc({ reason: 'early_stop' });
    deps.logger.info({ experimentId: experiment.id, variantId: variant.id, reason: variant.pauseReason }, 'variant paused');
    try {
      await publishExperimentUpdated(deps.js, deps.subjects, pausedVariantEventId(experiment.id, variant.id), experiment);
    } catch (err) {
      deps.metrics.eventPublishFailures.inc();
      deps.logger.error({ err, experimentId: experiment.id, variantId: variant.id }, 'experiment.updated event not published');
    }
  }
}
