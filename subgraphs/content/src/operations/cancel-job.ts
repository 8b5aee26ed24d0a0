import type { Kysely } from 'kysely';
import { ConflictError, NotFoundError } from '../../../../lib/errors';
import type { ContentDatabase, GenerationJobRow } from '../db/database';
import { findJob } from '../db/repositories/jobs';
import { changeJobStatus } from './change-job-status';
import type { JobStatusDeps } from './change-job-status';

/**
 * Cancels a QUEUED or PROCESSING job; the worker notices and makes no post. Cancelling a
 * cancelled job returns it unchanged. The CANCELLED event goes through the outbox.
 *
 * @throws {NotFoundError} when the job does not exist
 * @throws {ConflictError} when it already COMPLETED or FAILED
 */
export async function cancelJob(deps: JobStatusDeps & { db: Kysely<ContentDatabase> }, id: string): Promise<GenerationJobRow> {
  const cancelled = await changeJobStatus(deps, id, ['QUEUED', 'PROCESSING'], { status: 'CANCELLED', completed_at: new Date() });
  if (cancelled) return cancelled;
  const job = await findJob(deps.db, id);
  if (!job) throw new NotFoundError('GenerationJob', id);
  if (job.status === 'CANCELLED') return job;
  throw new ConflictError(`GenerationJob ${id} is ${job.status} and can no longer be cancelled`);
}
