import {
  DAMPENERS,
  DAMPENER_WEIGHT,
  INTENSIFIERS,
  INTENSIFIER_WEIGHT,
  NEGATORS,
  PHRASES,
  lookupEmotions,
} from './lexicon';
import { OPPOSITE_EMOTION, PLUTCHIK_EMOTIONS, zeroScores } from './plutchik';
import type { EmotionScores, PlutchikEmotion } from './plutchik';
import { tokenize } from './tokenize';

/** How many tokens before an emotion word a negator reaches. */
export const NEGATION_WINDOW = 3;
/** How many tokens before an emotion word an intensifier or dampener reaches. */
export const MODIFIER_WINDOW = 2;
/**
 * Half-saturation constant `k` of the score `hits / (hits + k)`: with k = 1 one plain hit
 * scores 0.5, an intensified hit 0.6, two hits 0.67, three 0.75; never 1.
 */
export const SATURATION_K = 1;

/** Weighted evidence per emotion before normalisation (plain hit = 1). */
export type EmotionHits = Record<PlutchikEmotion, number>;

/** True for `not`, `never`, `no`, ... and any token ending in `n't`. */
export function isNegator(token: string): boolean {
  return NEGATORS.has(token) || token.endsWith("n't");
}

type Phrase = (typeof PHRASES)[number];

/** {@link PHRASES} by first token, in list order (a token starts few phrases, most none). */
const PHRASES_BY_FIRST_TOKEN: ReadonlyMap<string, readonly Phrase[]> = (() => {
  const map = new Map<string, Phrase[]>();
  for (const phrase of PHRASES) {
    const first = phrase.tokens[0] ?? '';
    map.set(first, [...(map.get(first) ?? []), phrase]);
  }
  return map;
})();

function matchPhrase(tokens: readonly string[], at: number): Phrase | undefined {
  return PHRASES_BY_FIRST_TOKEN.get(tokens[at] ?? '')?.find((phrase) => phrase.tokens.every((t, i) => tokens[at + i] === t));
}

function modifierWeight(tokens: readonly string[], at: number): number {
  for (let i = at - 1; i >= Math.max(0, at - MODIFIER_WINDOW); i--) {
    const token = tokens[i] ?? '';
    if (INTENSIFIERS.has(token)) return INTENSIFIER_WEIGHT;
    if (DAMPENERS.has(token)) return DAMPENER_WEIGHT;
  }
  return 1;
}

function isNegated(tokens: readonly string[], at: number): boolean {
  for (let i = at - 1; i >= Math.max(0, at - NEGATION_WINDOW); i--) {
    if (isNegator(tokens[i] ?? '')) return true;
  }
  return false;
}

/**
 * Counts weighted emotion-word hits in a token list. Fixed phrases ("can't wait", "not bad")
 * count first, as a whole (the negator inside them does not flip them). A word or phrase with
 * a negator in the {@link NEGATION_WINDOW} tokens before it counts for its Plutchik opposite
 * (joy<->sadness, trust<->disgust, fear<->anger, surprise<->anticipation); an intensifier
 * (x1.5) or dampener (x0.5) in the {@link MODIFIER_WINDOW} tokens before it scales it.
 * Negators and modifiers are never hits themselves.
 */
export function countEmotionHits(tokens: readonly string[]): EmotionHits {
  const hits = zeroScores();
  for (let i = 0; i < tokens.length; i++) {
    const phrase = matchPhrase(tokens, i);
    if (phrase) {
      const weight = modifierWeight(tokens, i);
      const negated = isNegated(tokens, i);
      for (const emotion of phrase.emotions) hits[negated ? OPPOSITE_EMOTION[emotion] : emotion] += weight;
      i += phrase.tokens.length - 1;
      continue;
    }
    const token = tokens[i] ?? '';
    if (isNegator(token) || INTENSIFIERS.has(token) || DAMPENERS.has(token)) continue;
    const emotions = lookupEmotions(token);
    if (emotions.length === 0) continue;
    const weight = modifierWeight(tokens, i);
    const negated = isNegated(tokens, i);
    for (const emotion of emotions) hits[negated ? OPPOSITE_EMOTION[emotion] : emotion] += weight;
  }
  return hits;
}

/**
 * Maps weighted hits to scores in 0..1 with the saturating `hits / (hits + k)` (k =
 * {@link SATURATION_K}): independent of text length, so a long sentence is not diluted and a
 * single word never reaches 1.
 */
export function normaliseHits(hits: EmotionHits): EmotionScores {
  const scores = zeroScores();
  for (const emotion of PLUTCHIK_EMOTIONS) {
    const h = hits[emotion];
    scores[emotion] = h > 0 ? h / (h + SATURATION_K) : 0;
  }
  return scores;
}

/**
 * Surprise hits from punctuation: each run of two or more `?`/`!` containing a `?` ("?!", "??",
 * "!?!") counts as one surprise hit, like an interjection.
 */
export function countPunctuationSurprise(text: string): number {
  return (text.match(/[?!]{2,}/g) ?? []).filter((run) => run.includes('?')).length;
}

/**
 * Plutchik-8 scores of one text (normally one sentence) from the project's word lists: the
 * {@link countEmotionHits} of each clause (split at `, ; : . ! ?`, so a negator never reaches
 * past a comma: "not played, i'm scared" stays fear) summed, plus
 * {@link countPunctuationSurprise}, normalised by {@link normaliseHits}.
 *
 * The analysis no longer reports these scores: they are eight features of the emotion model
 * (`featureVector`), whose file records the word list's hash.
 *
 * @returns a score per emotion in 0..1; all 0 when no emotion word occurs
 * @example scoreEmotions('I am so happy') // joy 0.6, others 0
 */
export function scoreEmotions(text: string): EmotionScores {
  const hits = zeroScores();
  for (const clause of text.split(/[,;:.!?]+/)) {
    const clauseHits = countEmotionHits(tokenize(clause));
    for (const emotion of PLUTCHIK_EMOTIONS) hits[emotion] += clauseHits[emotion];
  }
  hits.surprise += countPunctuationSurprise(text);
  return normaliseHits(hits);
}
