import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import { postCreatedData } from '../../../../lib/events';
import type { PostCreatedData } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import { InvalidEventError, PermanentError, parseCloudEvent } from '../../../../lib/nats';
import { runAnalysis } from '../analysis-runner';
import type { EmotionDatabase } from '../db/database';
import { storeTrajectoryForPost } from '../db/repositories/trajectories';
import type { StoredTrajectory } from '../db/repositories/trajectories';
import type { EmotionMetrics } from '../metrics';
import { publishTrajectoryCreated } from './publish-trajectory-created';
import type { Subjects } from '../../../../lib/events';

/** What the post.created handler needs. */
export interface PostCreatedDeps {
  db: Kysely<EmotionDatabase>;
  js: JetStreamClient;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  metrics: EmotionMetrics;
  logger: Logger;
}

/**
 * Handles one new post: analyses its text, stores the trajectory and the post's link in one
 * transaction (idempotent: a repeat stores nothing new), then publishes trajectory.created
 * (deterministic id, so a repeat is deduplicated by JetStream).
 *
 * @throws on a database or NATS failure (the message is retried)
 */
export async function processPostCreated(deps: PostCreatedDeps, data: PostCreatedData): Promise<StoredTrajectory> {
  const { analysis, processingTimeMs } = runAnalysis(data.text, deps.metrics, 'worker');
  const stored = await storeTrajectoryForPost(
    deps.db,
    { postId: data.postId, personaId: data.personaId, jobId: data.jobId },
    analysis,
    processingTimeMs,
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

/**
 * Returns the JetStream message handler of `events.content.post.created`.
 *
 * @throws {PermanentError} when the message is not a valid post.created CloudEvent (not retried)
 */
export function createPostCreatedHandler(deps: PostCreatedDeps): (msg: JsMsg) => Promise<void> {
  return async (msg) => {
    let data: PostCreatedData;
    try {
      data = parseCloudEvent(msg.data, postCreatedData).data;
    } catch (err) {
      if (err instanceof InvalidEventError) throw new PermanentError(err.message, { cause: err });
      throw err;
    }
    await processPostCreated(deps, data);
  };
}
