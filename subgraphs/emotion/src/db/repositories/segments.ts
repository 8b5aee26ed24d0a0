import type { Kysely } from 'kysely';
import { EMOTION_SCHEMA } from '../database';
import type { EmotionDatabase, SegmentRow, TransitionRow } from '../database';

/** Segments of several trajectories in one query, ordered by trajectory then position. */
export async function findSegmentsByTrajectoryIds(
  db: Kysely<EmotionDatabase>,
  trajectoryIds: readonly string[],
): Promise<SegmentRow[]> {
  if (trajectoryIds.length === 0) return [];
  return db
    .withSchema(EMOTION_SCHEMA)
    .selectFrom('emotion_segments')
    .selectAll()
    .where('trajectory_id', 'in', trajectoryIds)
    .orderBy('trajectory_id')
    .orderBy('position')
    .execute();
}

/** Transitions of several trajectories in one query, ordered by trajectory then segment. */
export async function findTransitionsByTrajectoryIds(
  db: Kysely<EmotionDatabase>,
  trajectoryIds: readonly string[],
): Promise<TransitionRow[]> {
  if (trajectoryIds.length === 0) return [];
  return db
    .withSchema(EMOTION_SCHEMA)
    .selectFrom('emotion_transitions')
    .selectAll()
    .where('trajectory_id', 'in', trajectoryIds)
    .orderBy('trajectory_id')
    .orderBy('from_segment')
    .execute();
}
