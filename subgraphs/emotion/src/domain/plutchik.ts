/**
 * Plutchik's eight basic emotions (R. Plutchik, "The Nature of Emotions", American Scientist
 * 89(4), 2001), in the wheel's order. This order also breaks ties when picking a dominant emotion.
 */
export const PLUTCHIK_EMOTIONS = ['joy', 'trust', 'fear', 'surprise', 'sadness', 'disgust', 'anger', 'anticipation'] as const;

/** One of the eight basic emotions. */
export type PlutchikEmotion = (typeof PLUTCHIK_EMOTIONS)[number];

/** The dominant emotion of a segment or text: `neutral` when every score is 0. */
export type DominantEmotion = PlutchikEmotion | 'neutral';

/** A score per emotion, each in 0..1 (0: no evidence). */
export type EmotionScores = Record<PlutchikEmotion, number>;

/**
 * Opposite pairs of the wheel (joy-sadness, trust-disgust, fear-anger, surprise-anticipation):
 * a negated emotion word counts for its opposite ("not happy" is evidence of sadness).
 */
export const OPPOSITE_EMOTION: Readonly<Record<PlutchikEmotion, PlutchikEmotion>> = {
  joy: 'sadness',
  sadness: 'joy',
  trust: 'disgust',
  disgust: 'trust',
  fear: 'anger',
  anger: 'fear',
  surprise: 'anticipation',
  anticipation: 'surprise',
};

/** All eight scores at 0. */
export function zeroScores(): EmotionScores {
  return { joy: 0, trust: 0, fear: 0, surprise: 0, sadness: 0, disgust: 0, anger: 0, anticipation: 0 };
}

/**
 * The emotion with the highest score; ties go to the earlier emotion of
 * {@link PLUTCHIK_EMOTIONS}; `neutral` when every score is 0.
 */
export function dominantEmotion(scores: EmotionScores): DominantEmotion {
  let best: DominantEmotion = 'neutral';
  let bestScore = 0;
  for (const emotion of PLUTCHIK_EMOTIONS) {
    if (scores[emotion] > bestScore) {
      best = emotion;
      bestScore = scores[emotion];
    }
  }
  return best;
}

/**
 * Element-wise mean of score vectors (the trajectory's emotions are the mean of its segments').
 *
 * @returns all zeros for an empty list
 */
export function averageScores(list: readonly EmotionScores[]): EmotionScores {
  const sum = zeroScores();
  for (const scores of list) {
    for (const emotion of PLUTCHIK_EMOTIONS) sum[emotion] += scores[emotion];
  }
  if (list.length === 0) return sum;
  for (const emotion of PLUTCHIK_EMOTIONS) sum[emotion] /= list.length;
  return sum;
}
