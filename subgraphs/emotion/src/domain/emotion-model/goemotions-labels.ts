import { PLUTCHIK_EMOTIONS } from '../plutchik';
import type { DominantEmotion } from '../plutchik';

/**
 * GoEmotions' 28 labels in the order of its `emotions.txt` (label index = position), from
 * Demszky et al., "GoEmotions: A Dataset of Fine-Grained Emotions", ACL 2020.
 */
export const GOEMOTIONS_LABELS = [
  'admiration', 'amusement', 'anger', 'annoyance', 'approval', 'caring', 'confusion', 'curiosity',
  'desire', 'disappointment', 'disapproval', 'disgust', 'embarrassment', 'excitement', 'fear',
  'gratitude', 'grief', 'joy', 'love', 'nervousness', 'optimism', 'pride', 'realization', 'relief',
  'remorse', 'sadness', 'surprise', 'neutral',
] as const;

/** One GoEmotions label. */
export type GoEmotionsLabel = (typeof GOEMOTIONS_LABELS)[number];

/**
 * The classes the model predicts: Plutchik's eight emotions, then `neutral` (in this order in
 * the model file).
 */
export const MODEL_CLASSES: readonly DominantEmotion[] = [...PLUTCHIK_EMOTIONS, 'neutral'];

/**
 * GoEmotions label -> Plutchik emotion (or neutral). Plutchik's wheel places admiration and
 * acceptance on trust, optimism and interest on anticipation, and love at joy + trust; within
 * those choices the table keeps every label in the same Ekman group as the dataset's own
 * `ekman_mapping.json` (so joy/trust/anticipation together are exactly its joy group):
 *
 * | Plutchik | GoEmotions labels |
 * | --- | --- |
 * | joy | joy, amusement, excitement, love, pride, relief |
 * | trust | admiration, approval, caring, gratitude |
 * | anticipation | optimism, desire |
 * | surprise | surprise, realization, confusion, curiosity |
 * | sadness | sadness, disappointment, embarrassment, grief, remorse |
 * | fear | fear, nervousness |
 * | anger | anger, annoyance, disapproval |
 * | disgust | disgust |
 * | neutral | neutral |
 *
 * Curiosity would sit on anticipation in Plutchik's terms; it is surprise here because the
 * dataset's Ekman grouping, which the evaluation uses, puts it with surprise.
 */
export const GOEMOTIONS_TO_PLUTCHIK: Readonly<Record<GoEmotionsLabel, DominantEmotion>> = {
  admiration: 'trust',
  amusement: 'joy',
  anger: 'anger',
  annoyance: 'anger',
  approval: 'trust',
  caring: 'trust',
  confusion: 'surprise',
  curiosity: 'surprise',
  desire: 'anticipation',
  disappointment: 'sadness',
  disapproval: 'anger',
  disgust: 'disgust',
  embarrassment: 'sadness',
  excitement: 'joy',
  fear: 'fear',
  gratitude: 'trust',
  grief: 'sadness',
  joy: 'joy',
  love: 'joy',
  nervousness: 'fear',
  optimism: 'anticipation',
  pride: 'joy',
  realization: 'surprise',
  relief: 'joy',
  remorse: 'sadness',
  sadness: 'sadness',
  surprise: 'surprise',
  neutral: 'neutral',
};

/** Ekman's six basic emotions, the grouping of GoEmotions' `ekman_mapping.json`. */
export const EKMAN_EMOTIONS = ['joy', 'sadness', 'fear', 'surprise', 'anger', 'disgust'] as const;

/** One of Ekman's six. */
export type EkmanEmotion = (typeof EKMAN_EMOTIONS)[number];

/** An Ekman emotion or neutral (GoEmotions' neutral label, or a neutral prediction). */
export type EkmanOrNeutral = EkmanEmotion | 'neutral';

/**
 * Plutchik -> Ekman, as the evaluation groups predictions: joy, trust and anticipation -> joy;
 * fear, sadness, anger, surprise and disgust -> themselves; neutral stays neutral.
 */
export function plutchikToEkman(emotion: DominantEmotion): EkmanOrNeutral {
  if (emotion === 'trust' || emotion === 'anticipation') return 'joy';
  return emotion;
}

/** Ekman group (or neutral) of a GoEmotions label, through {@link GOEMOTIONS_TO_PLUTCHIK}. */
export function goEmotionsToEkman(label: GoEmotionsLabel): EkmanOrNeutral {
  return plutchikToEkman(GOEMOTIONS_TO_PLUTCHIK[label]);
}
