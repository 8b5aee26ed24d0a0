import type { JetStreamClient } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import type { Subjects } from '../../../../lib/events';
import { ConflictError, NotFoundError, ValidationError } from '../../../../lib/errors';
import type { Logger } from '../../../../lib/logger';
import type { Outbox } from '../../../../lib/outbox';
import { captureTraceContext } from '../../../../lib/tracing';
import type { ContentDatabase, GenerationJobRow } from '../db/database';
import { findJobByIdempotencyKey, insertJob, markJobPublished } from '../db/repositories/jobs';
import { findPersonasByIds } from '../db/repositories/personas';
import { achievementTopic } from '../domain/achievement-topic';
import type { AchievementSummary } from '../messaging/achievement-client';
import { jobStatusEvent } from '../messaging/job-events';
import { enqueueGenerationJob } from '../messaging/job-queue';

/**
 * Finds what an achievement is about: null when it does not exist.
 *
 * @throws {AchievementsUnavailableError} when the achievements service cannot answer
 */
export type AchievementLookup = (achievementId: string) => Promise<AchievementSummary | null>;

/** What {@link generatePost} needs. */
export interface GeneratePostDeps {
  db: Kysely<ContentDatabase>;
  js: JetStreamClient;
  /** The subgraph's transactional outbox (the QUEUED status event). */
  outbox: Outbox<ContentDatabase>;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  logger: Pick<Logger, 'warn'>;
  /** Asked only for a request with an `achievementId` (the `achievements.describe` client, or an event's summary). */
  describeAchievement: AchievementLookup;
}

/**
 * A validated `generatePost` request: a `topic`, an `achievementId`, or both (at least one).
 * With an achievement and no topic, the topic is built from the achievement (`achievementTopic`);
 * with both, the caller's topic is written about and the post is linked to the achievement.
 */
export interface GeneratePostRequest {
  personaId: string;
  /** What the post is about; null: built from the achievement. */
  topic: string | null;
  /** Achievement (achievements subgraph) the post is about, copied to the job and its post; must exist. */
  achievementId: string | null;
  idempotencyKey: string | null;
  experimentId: string | null;
  /** `sub` of the caller (or the pipeline that queued the job). */
  createdBy: string;
}

/**
 * Queues a generation job: writes the row (QUEUED) first, announces it (status QUEUED, for
 * `generationJobsUpdated`), then publishes it to JOBS with the job id as `Nats-Msg-Id`, and
 * returns at once. When NATS is down the row stays unpublished and
 * the worker's sweeper publishes it later, so the job is never lost. The same idempotency key
 * (per persona) returns the same job, before anything else is asked: a retry needs neither the
 * persona nor the achievements service.
 *
 * With an `achievementId`, achievements is asked what it is about (`deps.describeAchievement`)
 * after the persona is found; the job (and later its post) records the achievement.
 *
 * @throws {ValidationError} when neither a topic nor an achievement is given
 * @throws {NotFoundError} when the persona or the achievement does not exist
 * @throws {ConflictError} when the idempotency key was used for another topic or achievement
 * @throws {AchievementsUnavailableError} when achievements does not answer (nothing is written)
 */
export async function generatePost(deps: GeneratePostDeps, request: GeneratePostRequest): Promise<GenerationJobRow> {
  if (request.topic === null && request.achievementId === null) throw noSubject();
  if (request.idempotencyKey) {
    const existing = await findJobByIdempotencyKey(deps.db, request.personaId, request.idempotencyKey);
    if (existing) return sameRequestOrConflict(existing, request);
  }
  const [persona] = await findPersonasByIds(deps.db, [request.personaId]);
  if (!persona) throw new NotFoundError('Persona', request.personaId);
  const topic = await topicOf(deps, request);
  // QUEUED is written with the row (outbox) and published before the job is queued, so that no
  // worker's PROCESSING can precede it.
  const { job, created } = await deps.outbox.transaction(async (trx, emit) => {
    const inserted = await insertJob(trx, {
      persona_id: request.personaId,
      topic,
      achievement_id: request.achievementId,
      idempotency_key: request.idempotencyKey,
      experiment_id: request.experimentId,
      created_by: request.createdBy,
      trace_context: captureTraceContext(),
    });
    if (inserted.created) emit(jobStatusEvent(deps.subjects, inserted.job));
    return inserted;
  });
  if (!created) return sameRequestOrConflict(job, request);
  try {
    await enqueueGenerationJob(deps.js, deps.subjects, job);
    await markJobPublished(deps.db, job.id);
  } catch (err) {
    deps.logger.warn({ err, jobId: job.id }, 'job queued in Postgres but not yet on NATS; the sweeper will publish it');
  }
  return job;
}

function noSubject(): ValidationError {
  return new ValidationError('Invalid input: give a topic, an achievementId or both', { topic: 'required without achievementId' });
}

async function topicOf(deps: GeneratePostDeps, request: GeneratePostRequest): Promise<string> {
  if (request.achievementId === null) {
    if (request.topic === null) throw noSubject();
    return request.topic;
  }
  const achievement = await deps.describeAchievement(request.achievementId);
  if (!achievement) throw new NotFoundError('Achievement', request.achievementId);
  return request.topic ?? achievementTopic(achievement);
}

/**
 * The job a reused key names, when the request is the same: same achievement (or none) and, when
 * the request has its own topic, the same topic. A topic built from an achievement is not
 * compared, so a retry still finds its job after the achievement was edited.
 */
function sameRequestOrConflict(job: GenerationJobRow, request: GeneratePostRequest): GenerationJobRow {
  if (job.achievement_id !== request.achievementId) {
    throw new ConflictError(`idempotencyKey "${request.idempotencyKey}" was already used for another achievement`);
  }
  if (request.topic !== null && job.topic !== request.topic) {
    throw new ConflictError(`idempotencyKey "${request.idempotencyKey}" was already used for another topic`);
  }
  return job;
}
