import type { JsMsg } from '@nats-io/jetstream';
import { githubDeliveryData } from '../../../../lib/events';
import { parseQueuedEvent } from '../../../../lib/nats';
import type { GivenUpMessage } from '../../../../lib/nats';
import type { DeliveryDeps } from '../operations/delivery-result';
import { failGithubDelivery, processGithubDelivery } from '../operations/process-github-delivery';

/** The delivery id of a `jobs.achievements.github-delivery` message. */
export function deliveryIdOf(msg: Pick<JsMsg, 'data'>): string {
  return parseQueuedEvent(msg.data, githubDeliveryData).data.deliveryId;
}

/** JetStream handler of one queued delivery (see `processGithubDelivery`). */
export function createGithubDeliveryHandler(deps: DeliveryDeps): (msg: JsMsg) => Promise<void> {
  return async (msg) => {
    await processGithubDelivery(deps, deliveryIdOf(msg));
  };
}

/** Called when a delivery's last attempt failed: marks it FAILED with the error (it can be redelivered from GitHub). */
export function createGithubDeliveryGiveUp(deps: Pick<DeliveryDeps, 'db' | 'metrics'>): (msg: GivenUpMessage, error: Error) => Promise<void> {
  return async (msg, error) => {
    let deliveryId: string;
    try {
      deliveryId = deliveryIdOf(msg);
    } catch {
      return;
    }
    await failGithubDelivery(deps, deliveryId, error);
  };
}
