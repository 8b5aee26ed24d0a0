import type { SegmentRow, TrajectoryRow, TransitionRow } from '../db/database';
import type { PersonaEmotionSummary } from '../db/repositories/summary';
import type { SegmentAnalysis } from '../domain/analyze-text';
import type { DominantEmotion, EmotionScores, PlutchikEmotion } from '../domain/plutchik';
import type { SentimentScores } from '../domain/sentiment';
import { TRAJECTORY_TYPES } from '../domain/trajectory';
import type { TrajectoryType } from '../domain/trajectory';
import type { EmotionTransition } from '../domain/transitions';
import type { TimedAnalysis } from '../operations/run-analysis';

// The parent values of the GraphQL object types (codegen.json maps each type to its view here).
// Emotions stay the internal lower-case names: the `PlutchikEmotion` enum resolver maps them.

/** Parent of `Post` fields: the entity reference (the post itself is owned by content). */
export interface PostReference {
  id: string;
}

/** GraphQL `EmotionSegment` (emotions as internal lower-case names; null = neutral). */
export interface SegmentView {
  position: number;
  text: string;
  emotions: EmotionScores;
  sentimentCompound: number;
  dominantEmotion: PlutchikEmotion | null;
}

/** GraphQL `EmotionTransition`. */
export interface TransitionView {
  fromSegment: number;
  toSegment: number;
  fromEmotion: PlutchikEmotion | null;
  toEmotion: PlutchikEmotion | null;
  strength: number;
}

/** Fields shared by `EmotionAnalysis` and `EmotionTrajectory` (segments/transitions aside). */
interface AnalysisFields {
  contentHash: string;
  segmentCount: number;
  trajectoryType: TrajectoryType;
  emotions: EmotionScores;
  sentiment: SentimentScores;
  dominantEmotion: PlutchikEmotion | null;
  peaks: number[];
  valleys: number[];
  processingTimeMs: number;
}

/** GraphQL `EmotionAnalysis`: computed on request, segments and transitions included. */
export interface AnalysisView extends AnalysisFields {
  segments: SegmentView[];
  transitions: TransitionView[];
}

/** Parent of `EmotionTrajectory` fields; segments and transitions are loaded by `id`. */
export interface TrajectoryView extends AnalysisFields {
  id: string;
  postId: string;
  createdAt: Date;
}

/** GraphQL `TrajectoryTypeCount`. */
export interface TrajectoryTypeCountView {
  type: TrajectoryType;
  count: number;
}

/** GraphQL `EmotionSummary`: emotions each 0..1, compound -1..1, both null without posts. */
export interface SummaryView {
  personaId: string;
  trajectoryCount: number;
  averageEmotions: EmotionScores | null;
  averageCompound: number | null;
  /** Every trajectory type, in {@link TRAJECTORY_TYPES} order, 0 when none. */
  trajectoryTypes: TrajectoryTypeCountView[];
}

/** `neutral` is exposed as null (the GraphQL enum has the eight emotions only). */
export function toEmotionOrNull(emotion: DominantEmotion): PlutchikEmotion | null {
  return emotion === 'neutral' ? null : emotion;
}

/** The eight score columns of a row, without its other columns. */
function scoresOf(row: EmotionScores): EmotionScores {
  const { joy, trust, fear, surprise, sadness, disgust, anger, anticipation } = row;
  return { joy, trust, fear, surprise, sadness, disgust, anger, anticipation };
}

function segmentView(segment: SegmentAnalysis): SegmentView {
  return { ...segment, dominantEmotion: toEmotionOrNull(segment.dominantEmotion) };
}

function transitionView(transition: EmotionTransition): TransitionView {
  return { ...transition, fromEmotion: toEmotionOrNull(transition.fromEmotion), toEmotion: toEmotionOrNull(transition.toEmotion) };
}

/** Maps a request-time analysis to `EmotionAnalysis`. */
export function analysisView({ analysis, processingTimeMs }: TimedAnalysis): AnalysisView {
  return {
    contentHash: analysis.contentHash,
    segmentCount: analysis.segmentCount,
    trajectoryType: analysis.trajectoryType,
    emotions: analysis.emotions,
    sentiment: analysis.sentiment,
    dominantEmotion: toEmotionOrNull(analysis.dominantEmotion),
    segments: analysis.segments.map(segmentView),
    transitions: analysis.transitions.map(transitionView),
    peaks: analysis.peaks,
    valleys: analysis.valleys,
    processingTimeMs,
  };
}

/**
 * Maps a stored trajectory to `EmotionTrajectory`.
 *
 * @param postId the post it was reached from; defaults to the first post analysed with the text
 */
export function trajectoryView(row: TrajectoryRow, postId: string = row.post_id): TrajectoryView {
  return {
    id: row.id,
    postId,
    contentHash: row.content_hash,
    segmentCount: row.segment_count,
    trajectoryType: row.trajectory_type,
    emotions: scoresOf(row),
    sentiment: {
      positive: row.sentiment_positive,
      negative: row.sentiment_negative,
      neutral: row.sentiment_neutral,
      compound: row.sentiment_compound,
    },
    dominantEmotion: toEmotionOrNull(row.dominant_emotion),
    peaks: row.peaks,
    valleys: row.valleys,
    processingTimeMs: row.processing_time_ms,
    createdAt: row.created_at,
  };
}

/** Maps a stored segment to `EmotionSegment`. */
export function segmentRowView(row: SegmentRow): SegmentView {
  return {
    position: row.position,
    text: row.text,
    emotions: scoresOf(row),
    sentimentCompound: row.sentiment_compound,
    dominantEmotion: toEmotionOrNull(row.dominant_emotion),
  };
}

/** Maps a stored transition to `EmotionTransition`. */
export function transitionRowView(row: TransitionRow): TransitionView {
  return {
    fromSegment: row.from_segment,
    toSegment: row.to_segment,
    fromEmotion: toEmotionOrNull(row.from_emotion),
    toEmotion: toEmotionOrNull(row.to_emotion),
    strength: row.strength,
  };
}

/** Maps a persona's aggregates to `EmotionSummary` (every trajectory type listed, in order). */
export function summaryView(personaId: string, summary: PersonaEmotionSummary): SummaryView {
  return {
    personaId,
    trajectoryCount: summary.trajectoryCount,
    averageEmotions: summary.averageEmotions,
    averageCompound: summary.averageCompound,
    trajectoryTypes: TRAJECTORY_TYPES.map((type) => ({ type, count: summary.typeCounts[type] })),
  };
}
