import { findUnpublishedDeliveries, markDeliveryPublished } from '../db/repositories/deliveries';
import { enqueueGithubDelivery } from '../messaging/delivery-queue';
import type { ReceiveDeliveryDeps } from './receive-github-delivery';

/**
 * Queues the stored deliveries whose JOBS message was never accepted (NATS was down when the
 * endpoint stored them), at least `minAgeMs` old, at most 100 a pass; returns how many. The
 * message id is the delivery id, so a delivery queued twice in the duplicate window runs once;
 * processing is idempotent beyond it.
 */
export async function sweepUnpublishedDeliveries(deps: ReceiveDeliveryDeps, minAgeMs: number): Promise<number> {
  const deliveries = await findUnpublishedDeliveries(deps.db, new Date(Date.now() - minAgeMs), 100);
  for (const delivery of deliveries) {
    await enqueueGithubDelivery(deps.js, deps.subjects, delivery.delivery_id);
    await markDeliveryPublished(deps.db, delivery.delivery_id);
  }
  if (deliveries.length > 0) deps.logger.info({ published: deliveries.length }, 'sweeper queued stored GitHub deliveries');
  return deliveries.length;
}
