import type { JetStreamClient } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import type { Subjects } from '../../../../lib/events';
import { ConflictError, NotFoundError } from '../../../../lib/errors';
import type { Logger } from '../../../../lib/logger';
import type { ContentDatabase, GenerationJobRow } from '../db/database';
import { findJobByIdempotencyKey, insertJob, markJobPublished } from '../db/repositories/jobs';
import { findPersonasByIds } from '../db/repositories/personas';
import { publishJobStatus } from '../messaging/job-events';
import { enqueueGenerationJob } from '../messaging/job-queue';

/** A validated `generatePost` request. */
export interface GeneratePostRequest {
  personaId: string;
  topic: string;
  idempotencyKey: string | null;
  experimentId: string | null;
  /** `sub` of the caller. */
  createdBy: string;
}

/**
 * Queues a generation job: writes the row (QUEUED) first, then publishes it to JOBS with the
 * job id as `Nats-Msg-Id` and announces it (status QUEUED, for `generationJobsUpdated`), and
 * returns at once. When NATS is down the row stays unpublished and
 * the worker's sweeper publishes it later, so the job is never lost. The same idempotency key
 * (per persona) returns the same job.
 *
 * @throws {NotFoundError} when the persona does not exist
 * @throws {ConflictError} when the idempotency key was used for another topic
 */
export async function generatePost(
  db: Kysely<ContentDatabase>,
  js: JetStreamClient,
  subjects: Subjects,
  request: GeneratePostRequest,
  logger: Pick<Logger, 'warn'>,
): Promise<GenerationJobRow> {
  if (request.idempotencyKey) {
    const existing = await findJobByIdempotencyKey(db, request.personaId, request.idempotencyKey);
    if (existing) return sameRequestOrConflict(existing, request);
  }
  const [persona] = await findPersonasByIds(db, [request.personaId]);
  if (!persona) throw new NotFoundError('Persona', request.personaId);
  const { job, created } = await insertJob(db, {
    persona_id: request.personaId,
    topic: request.topic,
    idempotency_key: request.idempotencyKey,
    experiment_id: request.experimentId,
    created_by: request.createdBy,
  });
  if (!created) return sameRequestOrConflict(job, request);
  try {
    await enqueueGenerationJob(js, subjects, job.id);
    await markJobPublished(db, job.id);
    await publishJobStatus(js, subjects, job);
  } catch (err) {
    logger.warn({ err, jobId: job.id }, 'job queued in Postgres but not yet on NATS; the sweeper will publish it');
  }
  return job;
}

function sameRequestOrConflict(job: GenerationJobRow, request: GeneratePostRequest): GenerationJobRow {
  if (job.topic !== request.topic) {
    throw new ConflictError(`idempotencyKey "${request.idempotencyKey}" was already used for another topic`);
  }
  return job;
}
