import { contentHash } from './content-hash';
import { scoreEmotions } from './emotion-scoring';
import { findExtrema } from './extrema';
import { averageScores, dominantEmotion } from './plutchik';
import type { DominantEmotion, EmotionScores } from './plutchik';
import { segmentText } from './segmentation';
import { scoreSentiment } from './sentiment';
import type { SentimentScores } from './sentiment';
import { classifyTrajectory } from './trajectory';
import type { TrajectoryType } from './trajectory';
import { findTransitions } from './transitions';
import type { EmotionTransition } from './transitions';

/** Analysis of one sentence segment. */
export interface SegmentAnalysis {
  /** 0-based position in the text. */
  position: number;
  text: string;
  /** Plutchik-8 scores, each 0..1. */
  emotions: EmotionScores;
  /** VADER compound of the segment, -1..1. */
  sentimentCompound: number;
  dominantEmotion: DominantEmotion;
}

/** Emotional analysis of a whole text (what a trajectory stores, minus ids and timing). */
export interface TextAnalysis {
  /** SHA-256 hex of the normalised text (see `contentHash`). */
  contentHash: string;
  segments: SegmentAnalysis[];
  segmentCount: number;
  /** Mean of the segments' scores, each 0..1 (all 0 for a text without segments). */
  emotions: EmotionScores;
  dominantEmotion: DominantEmotion;
  /** VADER over the whole text. */
  sentiment: SentimentScores;
  /** Shape of the segment compound series. */
  trajectoryType: TrajectoryType;
  transitions: EmotionTransition[];
  /** Segment positions of local maxima of the compound series. */
  peaks: number[];
  /** Segment positions of local minima of the compound series. */
  valleys: number[];
}

/**
 * Analyses a text: segments it into sentences, scores each with the Plutchik-8 word lists and
 * VADER, averages the emotions, classifies the compound series, and finds emotion transitions,
 * peaks and valleys. Pure and deterministic; a blank text yields no segments and a STABLE arc.
 */
export function analyzeText(text: string): TextAnalysis {
  const segments = segmentText(text).map((segmentText, position): SegmentAnalysis => {
    const emotions = scoreEmotions(segmentText);
    return {
      position,
      text: segmentText,
      emotions,
      sentimentCompound: scoreSentiment(segmentText).compound,
      dominantEmotion: dominantEmotion(emotions),
    };
  });
  const compounds = segments.map((s) => s.sentimentCompound);
  const emotions = averageScores(segments.map((s) => s.emotions));
  const { peaks, valleys } = findExtrema(compounds);
  return {
    contentHash: contentHash(text),
    segments,
    segmentCount: segments.length,
    emotions,
    dominantEmotion: dominantEmotion(emotions),
    sentiment: scoreSentiment(text),
    trajectoryType: classifyTrajectory(compounds),
    transitions: findTransitions(segments),
    peaks,
    valleys,
  };
}
