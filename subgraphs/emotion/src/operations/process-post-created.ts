import type { JetStreamClient } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import type { PostCreatedData, Subjects } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import type { EmotionDatabase } from '../db/database';
import type { EmotionModel } from '../domain/emotion-model/emotion-model';
import { storeTrajectoryForPost } from '../db/repositories/trajectories';
import type { StoredTrajectory } from '../db/repositories/trajectories';
import { publishTrajectoryCreated } from '../messaging/trajectory-events';
import type { EmotionMetrics } from '../metrics';
import { runAnalysis } from './run-analysis';

/** What {@link processPostCreated} needs. */
export interface PostCreatedDeps {
  db: Kysely<EmotionDatabase>;
  js: JetStreamClient;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  metrics: EmotionMetrics;
  logger: Logger;
  /** The emotion model, loaded once at start. */
  model: EmotionModel;
}

/**
 * Handles one new post: analyses its text, stores the trajectory and the post's link in one
 * transaction (idempotent: a repeat stores nothing new), counts the outcome in
 * `emotion_trajectories_stored_total{outcome}`, then publishes trajectory.created
 * (deterministic id, so a repeat is deduplicated by JetStream).
 *
 * @returns the trajectory the post is linked to and what this call inserted
 * @throws on a database or NATS failure (the message is retried)
 */
export async function processPostCreated(deps: PostCreatedDeps, data: PostCreatedData): Promise<StoredTrajectory> {
  const { analysis, processingTimeMs } = runAnalysis(data.text, deps.model, deps.metrics, 'worker');
  const stored = await deps.db
    .transaction()
    .execute((trx) =>
      storeTrajectoryForPost(trx, { postId: data.postId, personaId: data.personaId, jobId: data.jobId }, analysis, processingTimeMs),
    );
  deps.metrics.trajectoriesStored.inc({ outcome: !stored.linked ? 'duplicate' : stored.created ? 'created' : 'existing' });
  await publishTrajectoryCreated(deps.js, deps.subjects, {
    trajectoryId: stored.trajectoryId,
    postId: data.postId,
    personaId: data.personaId,
    jobId: data.jobId,
  });
  deps.logger.debug({ postId: data.postId, ...stored }, 'trajectory stored');
  return stored;
}
