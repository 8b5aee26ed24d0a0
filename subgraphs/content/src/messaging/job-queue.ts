import type { JetStreamClient } from '@nats-io/jetstream';
import { eventTypes } from '../../../../lib/events';
import type { GenerateJobData, Subjects } from '../../../../lib/events';
import { createCloudEvent, publishEvent } from '../../../../lib/nats';
import type { GenerationJobRow } from '../db/database';

/** CloudEvents `source` of everything the content subgraph publishes. */
export const CONTENT_SOURCE = '/subgraphs/content';

/**
 * `Nats-Msg-Id` (and CloudEvent id) of a job's JOBS message: the job id, then
 * `<job id>:retry:<attempt base>` after each `retryGenerationJob`, so that a retry is a new
 * message while a republish of the same one is dropped.
 */
export function jobMessageId(job: Pick<GenerationJobRow, 'id' | 'attempt_base'>): string {
  return job.attempt_base === 0 ? job.id : `${job.id}:retry:${job.attempt_base}`;
}

/**
 * Puts a job on the JOBS stream with `Nats-Msg-Id` = {@link jobMessageId}, so the sweeper's
 * republish of the same job inside the duplicate window is dropped by JetStream. The message
 * continues the active trace, else (a sweeper pass) the one the job was queued in
 * (`trace_context`, see `publishTraced`).
 *
 * @throws when JetStream does not acknowledge (NATS down): the job stays unpublished for the sweeper
 */
export async function enqueueGenerationJob(js: JetStreamClient, subjects: Subjects, job: Pick<GenerationJobRow, 'id' | 'attempt_base' | 'trace_context'>): Promise<void> {
  const jobId = job.id;
  const event = createCloudEvent<GenerateJobData>({
    id: jobMessageId(job),
    source: CONTENT_SOURCE,
    type: eventTypes.generateRequested,
    subject: jobId,
    data: { jobId },
  });
  await publishEvent(js, subjects.generateJob, event, job.trace_context);
}
