import { PLUTCHIK_EMOTIONS, zeroScores } from '../plutchik';
import type { DominantEmotion, EmotionScores } from '../plutchik';
import { featureVector } from './features';
import type { FeatureSpace } from './features';
import { MODEL_CLASSES } from './goemotions-labels';
import { softmaxInPlace } from './softmax-regression';

/** A loaded linear emotion model (see `decodeEmotionModel`), ready to predict. */
export interface EmotionModel {
  /** File name without extension, e.g. `goemotions-linear-v1`. */
  name: string;
  space: FeatureSpace;
  /** Feature-major weights: `weights[column * MODEL_CLASSES.length + class]`. */
  weights: Float32Array;
  /** One bias per class of {@link MODEL_CLASSES}. */
  biases: Float64Array;
}

/** What the model says about one text. */
export interface EmotionPrediction {
  /** Probability of each of the eight emotions, 0..1. */
  emotions: EmotionScores;
  /** Probability of neutral, 0..1 (with the eight, they sum to 1). */
  neutral: number;
  /** The most probable of the nine classes (ties: the earlier of {@link MODEL_CLASSES}). */
  dominantEmotion: DominantEmotion;
}

/**
 * Class probabilities of a text, in {@link MODEL_CLASSES} order: the softmax of
 * `biases + x.W` over its feature vector (`featureVector`). About 10 µs for a sentence.
 */
export function predictProbabilities(model: EmotionModel, text: string): Float64Array {
  const classCount = MODEL_CLASSES.length;
  const scores = Float64Array.from(model.biases);
  const { columns, values } = featureVector(model.space, text);
  for (let j = 0; j < columns.length; j++) {
    const offset = (columns[j] ?? 0) * classCount;
    const value = values[j] ?? 0;
    for (let k = 0; k < classCount; k++) scores[k] = (scores[k] as number) + value * (model.weights[offset + k] as number);
  }
  softmaxInPlace(scores);
  return scores;
}

/** Index of the largest value (ties: the first). */
export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/**
 * The eight emotion probabilities, neutral's and the dominant class of a text (neutral when the
 * model finds it the most probable class).
 *
 * @example predictEmotions(model, 'This is terrifying, I am scared').dominantEmotion // 'fear'
 */
export function predictEmotions(model: EmotionModel, text: string): EmotionPrediction {
  const probabilities = predictProbabilities(model, text);
  const emotions = zeroScores();
  PLUTCHIK_EMOTIONS.forEach((emotion, k) => {
    emotions[emotion] = probabilities[k] as number;
  });
  return {
    emotions,
    neutral: probabilities[PLUTCHIK_EMOTIONS.length] as number,
    dominantEmotion: MODEL_CLASSES[argMax(probabilities)] ?? 'neutral',
  };
}
