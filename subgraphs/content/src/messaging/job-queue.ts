import type { JetStreamClient } from '@nats-io/jetstream';
import { eventTypes } from '../../../../lib/events';
import type { GenerateJobData, Subjects } from '../../../../lib/events';
import { createCloudEvent, publishEvent } from '../../../../lib/nats';

/** CloudEvents `source` of everything the content subgraph publishes. */
export const CONTENT_SOURCE = '/subgraphs/content';

/**
 * Puts a job on the JOBS stream with `Nats-Msg-Id` = job id, so the sweeper's republish of the
 * same job inside the duplicate window is dropped by JetStream.
 *
 * @throws when JetStream does not acknowledge (NATS down): the job stays unpublished for the sweeper
 */
export async function enqueueGenerationJob(js: JetStreamClient, subjects: Subjects, jobId: string): Promise<void> {
  const event = createCloudEvent<GenerateJobData>({
    id: jobId,
    source: CONTENT_SOURCE,
    type: eventTypes.generateRequested,
    subject: jobId,
    data: { jobId },
  });
  await publishEvent(js, subjects.generateJob, event);
}
