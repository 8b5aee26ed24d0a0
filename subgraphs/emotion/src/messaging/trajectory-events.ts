import { eventTypes } from '../../../../lib/events';
import type { Subjects, TrajectoryCreatedData } from '../../../../lib/events';
import { createCloudEvent } from '../../../../lib/nats';
import type { OutgoingEvent } from '../../../../lib/outbox';

/** CloudEvents `source` of events published by the emotion subgraph. */
export const EMOTION_SOURCE = '/subgraphs/emotion';

/**
 * `events.emotion.trajectory.created.<job id>` (the post id for a post without a job) for the
 * outbox. The CloudEvent id `trajectory-created-<postId>` is deterministic, so a redelivered
 * post.created event writes no second outbox row and publishes no second event.
 */
export function trajectoryCreatedEvent(subjects: Subjects, data: TrajectoryCreatedData): OutgoingEvent {
  const event = createCloudEvent<TrajectoryCreatedData>({
    id: `trajectory-created-${data.postId}`,
    source: EMOTION_SOURCE,
    type: eventTypes.trajectoryCreated,
    subject: data.trajectoryId,
    data,
  });
  return { subject: subjects.trajectoryCreated(data.jobId ?? data.postId), event };
}
