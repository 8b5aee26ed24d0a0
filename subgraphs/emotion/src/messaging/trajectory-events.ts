import type { JetStreamClient } from '@nats-io/jetstream';
import { eventTypes } from '../../../../lib/events';
import type { Subjects, TrajectoryCreatedData } from '../../../../lib/events';
import { createCloudEvent, publishEvent } from '../../../../lib/nats';

/** CloudEvents `source` of events published by the emotion subgraph. */
export const EMOTION_SOURCE = '/subgraphs/emotion';

/**
 * Publishes `events.emotion.trajectory.created.<job id>` (the post id for a post without a job). The CloudEvent id
 * `trajectory-created-<postId>` is deterministic, so a redelivered post.created event publishes
 * no second event within the stream's duplicate window (`Nats-Msg-Id` dedup).
 *
 * @throws when JetStream does not acknowledge (the caller retries)
 */
export async function publishTrajectoryCreated(js: JetStreamClient, subjects: Subjects, data: TrajectoryCreatedData): Promise<void> {
  const event = createCloudEvent<TrajectoryCreatedData>({
    id: `trajectory-created-${data.postId}`,
    source: EMOTION_SOURCE,
    type: eventTypes.trajectoryCreated,
    subject: data.trajectoryId,
    data,
  });
  await publishEvent(js, subjects.trajectoryCreated(data.jobId ?? data.postId), event);
}
