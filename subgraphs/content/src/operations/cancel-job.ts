import type { JetStreamClient } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import type { Subjects } from '../../../../lib/events';
import { ConflictError, NotFoundError } from '../../../../lib/errors';
import type { ContentDatabase, GenerationJobRow } from '../db/database';
import { findJob, updateJobIfStatus } from '../db/repositories/jobs';
import { publishJobStatus } from '../messaging/job-events';

/**
 * Cancels a QUEUED or PROCESSING job; the worker notices and makes no post. Cancelling a
 * cancelled job returns it unchanged.
 *
 * @throws {NotFoundError} when the job does not exist
 * @throws {ConflictError} when it already COMPLETED or FAILED
 */
export async function cancelJob(db: Kysely<ContentDatabase>, js: JetStreamClient, subjects: Subjects, id: string): Promise<GenerationJobRow> {
  const cancelled = await updateJobIfStatus(db, id, ['QUEUED', 'PROCESSING'], {
    status: 'CANCELLED',
    completed_at: new Date(),
  });
  if (cancelled) {
    await publishJobStatus(js, subjects, cancelled);
    return cancelled;
  }
  const job = await findJob(db, id);
  if (!job) throw new NotFoundError('GenerationJob', id);
  if (job.status === 'CANCELLED') return job;
  throw new ConflictError(`GenerationJob ${id} is ${job.status} and can no longer be cancelled`);
}
