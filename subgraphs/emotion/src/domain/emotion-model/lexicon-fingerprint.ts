import { createHash } from 'node:crypto';
import { MODIFIER_WINDOW, NEGATION_WINDOW, SATURATION_K } from '../emotion-scoring';
import { DAMPENERS, DAMPENER_WEIGHT, EMOTION_WORDS, INTENSIFIERS, INTENSIFIER_WEIGHT, NEGATORS, PHRASES } from '../lexicon';
import { PLUTCHIK_EMOTIONS } from '../plutchik';

/**
 * SHA-256 (hex) of the word list the model reads as features: the eight emotion word lists,
 * phrases, negators, intensifiers, dampeners, their weights and the scoring constants, as one
 * JSON document in a fixed order. The model file records it; loading a model trained on another
 * word list fails (see `decodeEmotionModel`), so an edited lexicon forces a retraining.
 */
export function lexiconFingerprint(): string {
  const lexicon = {
    words: PLUTCHIK_EMOTIONS.map((emotion) => [emotion, EMOTION_WORDS[emotion]]),
    phrases: PHRASES.map((phrase) => [phrase.tokens, phrase.emotions]),
    negators: [...NEGATORS],
    intensifiers: [...INTENSIFIERS],
    dampeners: [...DAMPENERS],
    weights: { intensifier: INTENSIFIER_WEIGHT, dampener: DAMPENER_WEIGHT },
    scoring: { negationWindow: NEGATION_WINDOW, modifierWindow: MODIFIER_WINDOW, saturationK: SATURATION_K },
  };
  return createHash('sha256').update(JSON.stringify(lexicon), 'utf8').digest('hex');
}
