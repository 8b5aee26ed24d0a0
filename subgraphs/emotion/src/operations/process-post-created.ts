import type { Kysely } from 'kysely';
import type { PostCreatedData, Subjects } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import type { Outbox } from '../../../../lib/outbox';
import type { EmotionDatabase } from '../db/database';
import type { EmotionModel } from '../domain/emotion-model/emotion-model';
import { storeTrajectoryForPost } from '../db/repositories/trajectories';
import type { StoredTrajectory } from '../db/repositories/trajectories';
import { trajectoryCreatedEvent } from '../messaging/trajectory-events';
import type { EmotionMetrics } from '../metrics';
import { runAnalysis } from './run-analysis';

/** What {@link processPostCreated} needs. */
export interface PostCreatedDeps {
  db: Kysely<EmotionDatabase>;
  /** The subgraph's transactional outbox. */
  outbox: Outbox<EmotionDatabase>;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  metrics: EmotionMetrics;
  logger: Logger;
  /** The emotion model, loaded once at start. */
  model: EmotionModel;
}

/**
 * Handles one new post: analyses its text, stores the trajectory, the post's link and
 * trajectory.created (outbox; deterministic id, so a repeat writes and publishes nothing new) in
 * one transaction (idempotent: a repeat stores nothing new), and counts the outcome in
 * `emotion_trajectories_stored_total{outcome}`.
 *
 * @returns the trajectory the post is linked to and what this call inserted
 * @throws on a database failure (the message is retried)
 */
export async function processPostCreated(deps: PostCreatedDeps, data: PostCreatedData): Promise<StoredTrajectory> {
  const { analysis, processingTimeMs } = runAnalysis(data.text, deps.model, deps.metrics, 'worker');
  const stored = await deps.outbox.transaction(async (trx, emit) => {
    const result = await storeTrajectoryForPost(trx, { postId: data.postId, personaId: data.personaId, jobId: data.jobId }, analysis, processingTimeMs);
    emit(trajectoryCreatedEvent(deps.subjects, { trajectoryId: result.trajectoryId, postId: data.postId, personaId: data.personaId, jobId: data.jobId }));
    return result;
  });
  deps.metrics.trajectoriesStored.inc({ outcome: !stored.linked ? 'duplicate' : stored.created ? 'created' : 'existing' });
  deps.logger.debug({ postId: data.postId, ...stored }, 'trajectory stored');
  return stored;
}
