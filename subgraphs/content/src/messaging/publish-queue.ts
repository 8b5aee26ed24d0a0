import type { JetStreamClient } from '@nats-io/jetstream';
import { eventTypes } from '../../../../lib/events';
import type { PublishPostData, Subjects } from '../../../../lib/events';
import { createCloudEvent, publishEvent } from '../../../../lib/nats';
import { CONTENT_SOURCE } from './job-queue';

/**
 * Puts a publication on the JOBS stream (`jobs.content.publish`) with `Nats-Msg-Id` =
 * `publish:<post>:<requestedAt ms>`: a repeat of the same publication inside the duplicate window
 * is dropped by JetStream, while a retry after PUBLISH_FAILED (a new `requestedAt`) is not.
 *
 * @throws when JetStream does not acknowledge (NATS down): the publication stays unqueued for the sweeper
 */
export async function enqueuePublication(js: JetStreamClient, subjects: Subjects, postId: string, requestedAt: Date): Promise<void> {
  const event = createCloudEvent<PublishPostData>({
    id: `publish:${postId}:${requestedAt.getTime()}`,
    source: CONTENT_SOURCE,
    type: eventTypes.publishRequested,
    subject: postId,
    data: { postId },
  });
  await publishEvent(js, subjects.publishPost, event);
}
