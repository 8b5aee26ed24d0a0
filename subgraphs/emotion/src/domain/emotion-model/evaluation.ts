import type { DominantEmotion } from '../plutchik';
import { EKMAN_EMOTIONS, plutchikToEkman } from './goemotions-labels';
import type { EkmanEmotion, EkmanOrNeutral } from './goemotions-labels';

/** One evaluated text: its gold Ekman group and the predicted dominant emotion. */
export interface EvaluatedText {
  gold: EkmanOrNeutral;
  predicted: DominantEmotion;
}

/** Precision, recall and F1 (0..1) of one Ekman class, with its number of gold texts. */
export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Ekman-6 evaluation of dominant emotions. */
export interface EkmanEvaluation {
  /** Texts evaluated (gold one of the six; neutral gold texts are left out). */
  texts: number;
  /** Unweighted mean of the six F1s, 0..1. */
  macroF1: number;
  perClass: Record<EkmanEmotion, ClassMetrics>;
  /** Evaluated texts predicted neutral (each a miss of its gold class). */
  neutralPredictions: number;
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/**
 * Scores predicted dominant emotions against gold labels on Ekman's six, as the issue measures
 * `analyzeEmotions`: the prediction is grouped with `plutchikToEkman` (joy, trust, anticipation
 * -> joy). Texts whose gold group is neutral are left out (neutral is no Ekman class); a neutral
 * prediction for an emotional text is a false negative of its gold class and a false positive of
 * none. Macro-F1 is the unweighted mean over the six classes (a class never predicted nor
 * present scores 0).
 */
export function evaluateEkman(texts: readonly EvaluatedText[]): EkmanEvaluation {
  const counts = new Map<EkmanEmotion, { tp: number; fp: number; fn: number }>(EKMAN_EMOTIONS.map((e) => [e, { tp: 0, fp: 0, fn: 0 }]));
  let evaluated = 0;
  let neutralPredictions = 0;
  for (const { gold, predicted } of texts) {
    if (gold === 'neutral') continue;
    evaluated++;
    const group = plutchikToEkman(predicted);
    const goldCounts = counts.get(gold);
    if (!goldCounts) continue;
    if (group === gold) {
      goldCounts.tp++;
      continue;
    }
    goldCounts.fn++;
    if (group === 'neutral') neutralPredictions++;
    else {
      const predictedCounts = counts.get(group);
      if (predictedCounts) predictedCounts.fp++;
    }
  }
  const metricsOf = (emotion: EkmanEmotion): ClassMetrics => {
    const { tp, fp, fn } = counts.get(emotion) ?? { tp: 0, fp: 0, fn: 0 };
    return { precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), f1: ratio(2 * tp, 2 * tp + fp + fn), support: tp + fn };
  };
  const perClass: Record<EkmanEmotion, ClassMetrics> = {
    joy: metricsOf('joy'),
    sadness: metricsOf('sadness'),
    fear: metricsOf('fear'),
    surprise: metricsOf('surprise'),
    anger: metricsOf('anger'),
    disgust: metricsOf('disgust'),
  };
  const macroF1 = EKMAN_EMOTIONS.reduce((sum, emotion) => sum + perClass[emotion].f1, 0) / EKMAN_EMOTIONS.length;
  return { texts: evaluated, macroF1, perClass, neutralPredictions };
}
