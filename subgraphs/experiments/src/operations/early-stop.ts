import type { Counter } from 'prom-client';
import type { Subjects } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import type { OutgoingEvent } from '../../../../lib/outbox';
import { toVariant } from '../db/model';
import type { Variant } from '../db/model';
import type { ExperimentsDb } from '../db/repositories/experiments';
import { findVariantsByExperimentIds, pauseVariant } from '../db/repositories/variants';
import { variantsToStopEarly } from '../domain/early-stop';
import { experimentUpdatedEvent, pausedVariantEventId } from '../messaging/experiment-events';

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

/**
 * One `experiment.updated` per paused variant (CloudEvent id `<experiment id>.variant-paused.<variant id>`,
 * so a republish is deduplicated), for the outbox of the transaction that paused them.
 */
export function pausedVariantEvents(subjects: Subjects, experiment: { id: string; status: string }, paused: readonly Variant[]): OutgoingEvent[] {
  return paused.map((variant) => experimentUpdatedEvent(subjects, pausedVariantEventId(experiment.id, variant.id), experiment));
}

/** After the pauses committed: logs and counts each (`experiments_variants_paused_total{reason}`). */
export function reportPausedVariants(
  deps: { logger: Pick<Logger, 'info'>; metrics: { variantsPaused: Counter<'reason'> } },
  experiment: { id: string },
  paused: readonly Variant[],
): void {
  for (const variant of paused) {
    deps.metrics.variantsPaused.inc({ reason: 'early_stop' });
    deps.logger.info({ experimentId: experiment.id, variantId: variant.id, reason: variant.pauseReason }, 'variant paused');
  }
}
