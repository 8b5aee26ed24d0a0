import type { JetStreamClient } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import { ConflictError, NotFoundError } from '../../../../lib/errors';
import type { Logger } from '../../../../lib/logger';
import type { ContentDatabase, GenerationJobRow } from '../db/database';
import { findJob, markJobPublished } from '../db/repositories/jobs';
import { enqueueGenerationJob } from '../messaging/job-queue';
import { changeJobStatus } from './change-job-status';
import type { JobStatusDeps } from './change-job-status';

/** What {@link retryGenerationJob} needs. */
export type RetryJobDeps = JobStatusDeps & { db: Kysely<ContentDatabase>; js: JetStreamClient; logger: Pick<Logger, 'warn'> };

/**
 * Brings a FAILED job back: in one compare-and-set on FAILED (with its QUEUED status event in the
 * outbox) the job becomes QUEUED again, keeps its id and pre-allocated post id, forgets its error,
 * and records the attempts made so far (`attempt_base`, so the next attempt is numbered after
 * them); then a new JOBS message is published (`Nats-Msg-Id` `<job>:retry:<attempts>`), or left
 * to the sweeper when NATS is down. Idempotent: a job already QUEUED or PROCESSING (a retry
 * that won) is returned unchanged.
 *
 * @throws {NotFoundError} when the job does not exist
 * @throws {ConflictError} when it is COMPLETED, CANCELLED or BLOCKED (nothing to retry)
 */
export async function retryGenerationJob(deps: RetryJobDeps, id: string): Promise<GenerationJobRow> {
  const job = await findJob(deps.db, id);
  if (!job) throw new NotFoundError('GenerationJob', id);
  // A compare-and-set on FAILED: of two retries at once, one re-queues, the other returns its result.
  const requeued = job.status !== 'FAILED' ? null : await changeJobStatus(deps, id, ['FAILED'], {
    status: 'QUEUED',
    stage: 'QUEUED',
    attempt_base: job.attempts,
    error: null,
    error_code: null,
    duplicate_of_post_id: null,
    text: null,
    regenerations: 0,
    started_at: null,
    completed_at: null,
    published_at: null,
  });
  if (!requeued) {
    const current = (await findJob(deps.db, id)) ?? job;
    if (current.status === 'QUEUED' || current.status === 'PROCESSING') return current;
    throw new ConflictError(`GenerationJob ${id} is ${current.status}: only a FAILED job can be retried`);
  }
  try {
    await enqueueGenerationJob(deps.js, deps.subjects, requeued);
    await markJobPublished(deps.db, id);
  } catch (err) {
    deps.logger.warn({ err, jobId: id }, 'retried job queued in Postgres but not yet on NATS; the sweeper will publish it');
  }
  return requeued;
}
