import { contentHash } from './content-hash';
import { predictEmotions } from './emotion-model/emotion-model';
import type { EmotionModel, EmotionPrediction } from './emotion-model/emotion-model';
import { findExtrema } from './extrema';
import { zeroScores } from './plutchik';
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
  /** The model's probability of each of the eight emotions, 0..1. */
  emotions: EmotionScores;
  /** The model's probability of neutral, 0..1 (with `emotions`, the nine sum to 1). */
  neutral: number;
  /** VADER compound of the segment, -1..1. */
  sentimentCompound: number;
  /** The most probable of the eight emotions and neutral. */
  dominantEmotion: DominantEmotion;
}

/** Emotional analysis of a whole text (what a trajectory stores, minus ids and timing). */
export interface TextAnalysis {
  /** SHA-256 hex of the normalised text (see `contentHash`). */
  contentHash: string;
  segments: SegmentAnalysis[];
  segmentCount: number;
  /**
   * The model's probabilities for the whole text, each 0..1 (it reads the sentences together,
   * which scores better on GoEmotions dev than averaging the segments); all 0 without segments.
   */
  emotions: EmotionScores;
  /** The model's neutral probability for the whole text (0 without segments). */
  neutral: number;
  /** The most probable of the eight emotions and neutral for the whole text; neutral without segments. */
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
 * Analyses a text: segments it into sentences, gives each the emotion model's probabilities
 * (`predictEmotions`: the eight Plutchik emotions and neutral) and its VADER compound, gives the
 * whole text the model's probabilities too, classifies the compound series, and finds emotion
 * transitions, peaks and valleys. Pure and deterministic; a blank text yields no segments, zero
 * emotions, neutral and a STABLE arc.
 *
 * @param model the emotion model, loaded once at start (`loadEmotionModel`)
 */
export function analyzeText(text: string, model: EmotionModel): TextAnalysis {
  const segments = segmentText(text).map((segmentText, position): SegmentAnalysis => {
    const prediction = predictEmotions(model, segmentText);
    return {
      position,
      text: segmentText,
      emotions: prediction.emotions,
      neutral: prediction.neutral,
      sentimentCompound: scoreSentiment(segmentText).compound,
      dominantEmotion: prediction.dominantEmotion,
    };
  });
  const compounds = segments.map((s) => s.sentimentCompound);
  const whole: EmotionPrediction = segments.length > 0 ? predictEmotions(model, text) : { emotions: zeroScores(), neutral: 0, dominantEmotion: 'neutral' };
  const { peaks, valleys } = findExtrema(compounds);
  return {
    contentHash: contentHash(text),
    segments,
    segmentCount: segments.length,
    emotions: whole.emotions,
    neutral: whole.neutral,
    dominantEmotion: whole.dominantEmotion,
    sentiment: scoreSentiment(text),
    trajectoryType: classifyTrajectory(compounds),
    transitions: findTransitions(segments),
    peaks,
    valleys,
  };
}
