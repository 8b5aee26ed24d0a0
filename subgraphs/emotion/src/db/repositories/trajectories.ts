import type { Kysely, Transaction } from 'kysely';
import type { TextAnalysis } from '../../domain/analyze-text';
import { EMOTION_SCHEMA } from '../database';
import type { EmotionDatabase, TrajectoryRow } from '../database';

/** The post a text belongs to (from `events.content.post.created`). */
export interface PostRef {
  postId: string;
  personaId: string;
  jobId: string | null;
}

/** Outcome of {@link storeTrajectoryForPost}. */
export interface StoredTrajectory {
  /** Trajectory the post is linked to. */
  trajectoryId: string;
  /** True when this call inserted the trajectory (false: the text was analysed before). */
  created: boolean;
  /** True when this call inserted the post's link row (false: the post was linked before). */
  linked: boolean;
}

/** A trajectory reached through a post: the row plus the id of that post. */
export type TrajectoryByPostRow = TrajectoryRow & { link_post_id: string };

/**
 * Stores a text's analysis for a post, inside the caller's transaction `trx` (which keeps the
 * trajectory, its segments and transitions, and the link together): inserts the trajectory with
 * its segments and transitions unless a trajectory with the same `content_hash` exists (`on
 * conflict do nothing`, then the existing id is used), and links the post to it unless the post
 * is linked already. Safe to repeat and to run concurrently: one trajectory per text, one link
 * per post.
 *
 * @param processingTimeMs wall time of the analysis (ms)
 * @returns the trajectory the post is linked to and what this call inserted
 */
export async function storeTrajectoryForPost(
  trx: Transaction<EmotionDatabase>,
  post: PostRef,
  analysis: TextAnalysis,
  processingTimeMs: number,
): Promise<StoredTrajectory> {
  const tx = trx.withSchema(EMOTION_SCHEMA);
  const inserted = await tx
    .insertInto('emotion_trajectories')
    .values({
      content_hash: analysis.contentHash,
      post_id: post.postId,
      persona_id: post.personaId,
      job_id: post.jobId,
      segment_count: analysis.segmentCount,
      trajectory_type: analysis.trajectoryType,
      dominant_emotion: analysis.dominantEmotion,
      ...analysis.emotions,
      sentiment_positive: analysis.sentiment.positive,
      sentiment_negative: analysis.sentiment.negative,
      sentiment_neutral: analysis.sentiment.neutral,
      sentiment_compound: analysis.sentiment.compound,
      peaks: JSON.stringify(analysis.peaks),
      valleys: JSON.stringify(analysis.valleys),
      processing_time_ms: processingTimeMs,
    })
    .onConflict((oc) => oc.column('content_hash').doNothing())
    .returning('id')
    .executeTakeFirst();

  let trajectoryId: string;
  if (inserted) {
    trajectoryId = inserted.id;
    if (analysis.segments.length > 0) {
      await tx
        .insertInto('emotion_segments')
        .values(
          analysis.segments.map((s) => ({
            trajectory_id: trajectoryId,
            position: s.position,
            text: s.text,
            ...s.emotions,
            sentiment_compound: s.sentimentCompound,
            dominant_emotion: s.dominantEmotion,
          })),
        )
        .execute();
    }
    if (analysis.transitions.length > 0) {
      await tx
        .insertInto('emotion_transitions')
        .values(
          analysis.transitions.map((t) => ({
            trajectory_id: trajectoryId,
            from_segment: t.fromSegment,
            to_segment: t.toSegment,
            from_emotion: t.fromEmotion,
            to_emotion: t.toEmotion,
            strength: t.strength,
          })),
        )
        .execute();
    }
  } else {
    const existing = await tx
      .selectFrom('emotion_trajectories')
      .select('id')
      .where('content_hash', '=', analysis.contentHash)
      .executeTakeFirstOrThrow();
    trajectoryId = existing.id;
  }

  const link = await tx
    .insertInto('emotion_trajectory_posts')
    .values({ post_id: post.postId, trajectory_id: trajectoryId, persona_id: post.personaId, job_id: post.jobId })
    .onConflict((oc) => oc.column('post_id').doNothing())
    .returning('trajectory_id')
    .executeTakeFirst();
  if (link) return { trajectoryId, created: inserted !== undefined, linked: true };
  const existingLink = await tx
    .selectFrom('emotion_trajectory_posts')
    .select('trajectory_id')
    .where('post_id', '=', post.postId)
    .executeTakeFirstOrThrow();
  return { trajectoryId: existingLink.trajectory_id, created: inserted !== undefined, linked: false };
}

/** Trajectories by id, in one query (order not guaranteed; missing ids are absent). */
export async function findTrajectoriesByIds(db: Kysely<EmotionDatabase>, ids: readonly string[]): Promise<TrajectoryRow[]> {
  if (ids.length === 0) return [];
  return db.withSchema(EMOTION_SCHEMA).selectFrom('emotion_trajectories').selectAll().where('id', 'in', ids).execute();
}

/**
 * Trajectories of posts, through the link table, in one query: each row carries the post it
 * was reached from as `link_post_id` (posts with the same text share a trajectory row).
 */
export async function findTrajectoriesByPostIds(
  db: Kysely<EmotionDatabase>,
  postIds: readonly string[],
): Promise<TrajectoryByPostRow[]> {
  if (postIds.length === 0) return [];
  return db
    .withSchema(EMOTION_SCHEMA)
    .selectFrom('emotion_trajectory_posts as l')
    .innerJoin('emotion_trajectories as t', 't.id', 'l.trajectory_id')
    .selectAll('t')
    .select('l.post_id as link_post_id')
    .where('l.post_id', 'in', postIds)
    .execute();
}
