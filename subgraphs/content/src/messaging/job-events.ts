import type { NatsConnection } from '@nats-io/nats-core';
import { eventTypes } from '../../../../lib/events';
import type { JobRegeneratingData, JobStatusChangedData, JobTokenDeltaData, Subjects } from '../../../../lib/events';
import { createCloudEvent, publishTransient } from '../../../../lib/nats';
import type { OutgoingEvent } from '../../../../lib/outbox';
import type { GenerationJobRow } from '../db/database';
import { CONTENT_SOURCE } from './job-queue';

/**
 * A job's status change on `events.content.job.<id>` (keys and status only), for the outbox. The
 * CloudEvent id is `<job>:<status>:<attempt>`, so a repeat is deduplicated.
 */
export function jobStatusEvent(subjects: Subjects, job: GenerationJobRow): OutgoingEvent {
  const event = createCloudEvent<JobStatusChangedData>({
    id: `${job.id}:${job.status}:${job.attempts}`,
    source: CONTENT_SOURCE,
    type: eventTypes.jobStatusChanged,
    subject: job.id,
    data: { jobId: job.id, personaId: job.persona_id, status: job.status, postId: job.status === 'COMPLETED' ? job.post_id : null },
  });
  return { subject: subjects.jobStatus(job.id), event };
}

/** Publishes one streamed text delta (with the text so far) on core NATS `progress.content.job.<id>` (not persisted). */
export function publishTokenDelta(nc: NatsConnection, subjects: Subjects, data: JobTokenDeltaData): void {
  const event = createCloudEvent<JobTokenDeltaData>({
    source: CONTENT_SOURCE,
    type: eventTypes.jobTokenDelta,
    subject: data.jobId,
    data,
  });
  publishTransient(nc, subjects.jobProgress(data.jobId), event);
}

/**
 * Publishes on core NATS `progress.content.job.<id>` that the job's text is being rewritten
 * (it duplicated an earlier post): subscribers drop the text so far, the next deltas restart it.
 */
export function publishJobRegenerating(nc: NatsConnection, subjects: Subjects, data: JobRegeneratingData): void {
  const event = createCloudEvent<JobRegeneratingData>({
    id: `${data.jobId}:regenerating:${data.regeneration}`,
    source: CONTENT_SOURCE,
    type: eventTypes.jobRegenerating,
    subject: data.jobId,
    data,
  });
  publishTransient(nc, subjects.jobProgress(data.jobId), event);
}
