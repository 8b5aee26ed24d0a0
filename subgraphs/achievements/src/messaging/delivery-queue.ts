import type { JetStreamClient } from '@nats-io/jetstream';
import { eventTypes } from '../../../../lib/events';
import type { GithubDeliveryData, Subjects } from '../../../../lib/events';
import { createCloudEvent, publishEvent } from '../../../../lib/nats';
import { ACHIEVEMENTS_SOURCE } from './achievement-events';

/**
 * Puts a stored delivery on the JOBS stream (`jobs.achievements.github-delivery`) with
 * `Nats-Msg-Id` = delivery id, so a republish by the sweeper inside the duplicate window is dropped.
 *
 * @throws when JetStream does not acknowledge (NATS down): the delivery stays unpublished for the sweeper
 */
export async function enqueueGithubDelivery(js: JetStreamClient, subjects: Subjects, deliveryId: string): Promise<void> {
  const event = createCloudEvent<GithubDeliveryData>({
    id: `github-delivery-${deliveryId}`,
    source: ACHIEVEMENTS_SOURCE,
    type: eventTypes.githubDeliveryReceived,
    subject: deliveryId,
    data: { deliveryId },
  });
  await publishEvent(js, subjects.githubDelivery, event);
}
