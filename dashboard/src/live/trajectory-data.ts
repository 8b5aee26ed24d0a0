import type { PlutchikEmotion, TrajectoryType } from '../gql/graphql';

/** Plutchik's eight basic emotions, as the API's `EmotionScores` fields, in the wheel's order. */
export const PLUTCHIK_EMOTIONS = ['joy', 'trust', 'fear', 'surprise', 'sadness', 'disgust', 'anger', 'anticipation'] as const;

/** One of {@link PLUTCHIK_EMOTIONS}: a field of `EmotionScores`. */
export type EmotionKey = (typeof PLUTCHIK_EMOTIONS)[number];

/** Scores of the eight emotions, each 0..1 (the API's `EmotionScores`). */
export type EmotionScoresLike = Record<EmotionKey, number>;

/** What the chart reads of one `EmotionSegment`. */
export interface SegmentLike {
  /** 0-based position in the text. */
  position: number;
  /** VADER compound of the segment, -1..1. */
  sentimentCompound: number;
  /** Strongest emotion of the segment; null when neutral. */
  dominantEmotion?: PlutchikEmotion | null;
  emotions: EmotionScoresLike;
}

/** What the chart reads of an `EmotionTrajectory` (a query's selection of it fits). */
export interface TrajectoryLike {
  trajectoryType: TrajectoryType;
  /** Strongest of the mean emotions; null for a neutral text. */
  dominantEmotion?: PlutchikEmotion | null;
  segments: readonly SegmentLike[];
}

/**
 * One point of the line chart: a segment, numbered from 1, with its eight emotion scores (0..1)
 * and its sentiment compound (-1..1).
 */
export type ChartPoint = EmotionScoresLike & {
  /** 1-based segment number (position + 1), the x axis. */
  segment: number;
  compound: number;
  /** The segment's dominant emotion in lower case, or `neutral`. */
  dominant: string;
};

/** How each emotion's line is drawn: colours near Plutchik's wheel, dark enough for text on white (>= 4.5:1), and a dash pattern per opposite so lines differ without colour. */
export interface EmotionSeries {
  key: EmotionKey;
  /** Legend and tooltip name, e.g. `Joy`. */
  name: string;
  /** CSS colour. */
  color: string;
  /** SVG `stroke-dasharray`; undefined for a solid line. */
  dash?: string;
}

/** The eight lines of the chart, in {@link PLUTCHIK_EMOTIONS} order. */
export const EMOTION_SERIES: readonly EmotionSeries[] = [
  { key: 'joy', name: 'Joy', color: '#7a5d00' },
  { key: 'trust', name: 'Trust', color: '#2f7a1f' },
  { key: 'fear', name: 'Fear', color: '#0b6b50' },
  { key: 'surprise', name: 'Surprise', color: '#00697a' },
  { key: 'sadness', name: 'Sadness', color: '#1f4fbf', dash: '6 3' },
  { key: 'disgust', name: 'Disgust', color: '#7b3fa0', dash: '6 3' },
  { key: 'anger', name: 'Anger', color: '#b3261e', dash: '6 3' },
  { key: 'anticipation', name: 'Anticipation', color: '#9a4a00', dash: '6 3' },
];

/** An emotion of the API (`JOY`) in words (`joy`); `neutral` for none. */
export function emotionName(emotion: PlutchikEmotion | null | undefined): string {
  return emotion ? emotion.toLowerCase() : 'neutral';
}

/**
 * The line chart's data: one point per segment, in text order (sorted by position, whatever the
 * order given), with the eight emotion scores as they are (0..1).
 *
 * @example trajectoryChartData([{ position: 0, sentimentCompound: 0.4, dominantEmotion: 'JOY', emotions }])
 *   // [{ segment: 1, compound: 0.4, dominant: 'joy', joy: 0.5, trust: 0, ... }]
 */
export function trajectoryChartData(segments: readonly SegmentLike[]): ChartPoint[] {
  return [...segments]
    .sort((a, b) => a.position - b.position)
    .map((segment) => {
      const scores = Object.fromEntries(PLUTCHIK_EMOTIONS.map((key) => [key, segment.emotions[key]])) as EmotionScoresLike;
      return { ...scores, segment: segment.position + 1, compound: segment.sentimentCompound, dominant: emotionName(segment.dominantEmotion) };
    });
}

/**
 * A one-sentence summary of a trajectory for its caption and screen readers: type, segments,
 * dominant emotion, and the sentiment compound's first and last values and its range, e.g.
 * `RISING trajectory over 4 segments; dominant emotion: joy; sentiment from -0.30 to 0.66 (lowest -0.30, highest 0.66).`
 */
export function trajectorySummary(trajectory: TrajectoryLike): string {
  const points = trajectoryChartData(trajectory.segments);
  const count = points.length;
  const parts = [`${trajectory.trajectoryType} trajectory over ${count} segment${count === 1 ? '' : 's'}`, `dominant emotion: ${emotionName(trajectory.dominantEmotion)}`];
  const first = points[0];
  const last = points[count - 1];
  if (first && last && count > 1) {
    const compounds = points.map((point) => point.compound);
    const range = `lowest ${Math.min(...compounds).toFixed(2)}, highest ${Math.max(...compounds).toFixed(2)}`;
    parts.push(`sentiment from ${first.compound.toFixed(2)} to ${last.compound.toFixed(2)} (${range})`);
  }
  return `${parts.join('; ')}.`;
}
