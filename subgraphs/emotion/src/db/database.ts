import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { TrajectoryType } from '../domain/trajectory';
import type { DominantEmotion } from '../domain/plutchik';

/** Postgres schema owned by the emotion subgraph. */
export const EMOTION_SCHEMA = 'emotion';

/** `jsonb` array of integers: written as a JSON string, read back as an array. */
type JsonIntArray = ColumnType<number[], string, string>;

/** The eight Plutchik score columns (`real`, each 0..1). */
export interface EmotionColumns {
  joy: number;
  trust: number;
  fear: number;
  surprise: number;
  sadness: number;
  disgust: number;
  anger: number;
  anticipation: number;
}

/**
 * `emotion.emotion_trajectories`: the analysis of one distinct text (unique `content_hash`).
 * `post_id`/`persona_id`/`job_id` are those of the first post analysed with this text; the
 * posts sharing it are in `emotion_trajectory_posts`. Emotions are the model's probabilities for the whole text (0..1),
 * sentiment is VADER over the whole text, `peaks`/`valleys` are segment positions.
 */
export interface EmotionTrajectoriesTable extends EmotionColumns {
  id: Generated<string>;
  content_hash: string;
  post_id: string;
  persona_id: string;
  job_id: string | null;
  segment_count: number;
  trajectory_type: TrajectoryType;
  dominant_emotion: DominantEmotion;
  sentiment_positive: number;
  sentiment_negative: number;
  sentiment_neutral: number;
  sentiment_compound: number;
  peaks: JsonIntArray;
  valleys: JsonIntArray;
  /** Wall time of the analysis in milliseconds. */
  processing_time_ms: number;
  created_at: Generated<Date>;
}

/** `emotion.emotion_segments`: one sentence of a trajectory's text, in order (`position` from 0). */
export interface EmotionSegmentsTable extends EmotionColumns {
  trajectory_id: string;
  position: number;
  text: string;
  /** VADER compound of the segment, -1..1. */
  sentiment_compound: number;
  dominant_emotion: DominantEmotion;
}

/** `emotion.emotion_transitions`: a change of dominant emotion between consecutive segments. */
export interface EmotionTransitionsTable {
  trajectory_id: string;
  from_segment: number;
  to_segment: number;
  from_emotion: DominantEmotion;
  to_emotion: DominantEmotion;
  /** 0..1. */
  strength: number;
}

/** `emotion.emotion_trajectory_posts`: which trajectory a post's text has (one row per post). */
export interface EmotionTrajectoryPostsTable {
  post_id: string;
  trajectory_id: string;
  persona_id: string;
  job_id: string | null;
  created_at: Generated<Date>;
}

/** Typed tables of the `emotion` schema. */
export interface EmotionDatabase {
  emotion_trajectories: EmotionTrajectoriesTable;
  emotion_segments: EmotionSegmentsTable;
  emotion_transitions: EmotionTransitionsTable;
  emotion_trajectory_posts: EmotionTrajectoryPostsTable;
}

/** A stored trajectory as read. */
export type TrajectoryRow = Selectable<EmotionTrajectoriesTable>;
/** A trajectory to insert. */
export type NewTrajectory = Insertable<EmotionTrajectoriesTable>;
/** A stored segment as read. */
export type SegmentRow = Selectable<EmotionSegmentsTable>;
/** A segment to insert. */
export type NewSegment = Insertable<EmotionSegmentsTable>;
/** A stored transition as read. */
export type TransitionRow = Selectable<EmotionTransitionsTable>;
/** A transition to insert. */
export type NewTransition = Insertable<EmotionTransitionsTable>;
/** A post's link to its trajectory as read. */
export type TrajectoryPostRow = Selectable<EmotionTrajectoryPostsTable>;
