import { isNegator, scoreEmotions } from '../emotion-scoring';
import { PLUTCHIK_EMOTIONS } from '../plutchik';
import type { SparseVector } from './sparse-rows';

/** Prefix of a token inside a negation's scope ("not happy" -> `not`, `NOT_happy`). */
export const NEGATED_PREFIX = 'NOT_';
/** The token every number becomes. */
export const NUMBER_TOKEN = '<num>';

/**
 * Words (letters with inner apostrophes or asterisks: `don't`, `f*ck`), masked tokens such as
 * GoEmotions' `[NAME]`, numbers, single emoji, `!`/`?` (kept as tokens) and `. , ; :` (clause
 * ends only).
 */
const TOKEN_PATTERN = /\[[a-z]+\]|\p{L}+(?:['*]\p{L}+)*|\p{N}+(?:[.,]\p{N}+)*|\p{Extended_Pictographic}|[!?]|[.,;:]/gu;
const CLAUSE_END = /^[.,;:!?]$/;
const NUMBER = /^\p{N}/u;

/**
 * The model's tokens of a text: lower-cased (typographic apostrophes normalised to `'`), numbers
 * as {@link NUMBER_TOKEN}, and negation marking (Das & Chen 2001; Pang, Lee & Vaithyanathan
 * 2002): every token after a negator (`not`, `never`, `no`, any `n't`..., see `isNegator`) up to
 * the end of its clause (`. , ; : ! ?`) gets {@link NEGATED_PREFIX}. `!` and `?` stay tokens;
 * `. , ; :` only end a clause. One regular expression, no dictionary.
 *
 * @example featureTokens("I don't like it, wow!") // ['i', "don't", 'NOT_like', 'NOT_it', 'wow', '!']
 */
export function featureTokens(text: string): string[] {
  const raw = text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").match(TOKEN_PATTERN) ?? [];
  const tokens: string[] = [];
  let negated = false;
  for (const token of raw) {
    if (CLAUSE_END.test(token)) {
      negated = false;
      if (token === '!' || token === '?') tokens.push(token);
    } else if (isNegator(token)) {
      negated = true;
      tokens.push(token);
    } else {
      const word = NUMBER.test(token) ? NUMBER_TOKEN : token;
      tokens.push(negated ? NEGATED_PREFIX + word : word);
    }
  }
  return tokens;
}

/** Unigrams and bigrams (two tokens joined by a space) of {@link featureTokens}, in text order. */
export function featureTerms(text: string): string[] {
  const tokens = featureTokens(text);
  const terms = tokens.slice();
  for (let i = 0; i + 1 < tokens.length; i++) terms.push(`${tokens[i]} ${tokens[i + 1]}`);
  return terms;
}

/** How a text becomes a feature vector: the terms' columns and weights, then the lexicon's. */
export interface FeatureSpace {
  /** Term -> column (0 .. terms.size - 1). */
  terms: ReadonlyMap<string, number>;
  /** Inverse document frequency of each term column. */
  idf: Float64Array;
  /** Factor applied to the eight word-list scores (columns `terms.size .. terms.size + 7`). */
  lexiconScale: number;
}

/** Columns of a {@link FeatureSpace}: its terms, then the eight word-list scores. */
export function columnCount(space: FeatureSpace): number {
  return space.terms.size + PLUTCHIK_EMOTIONS.length;
}

/**
 * Smoothed inverse document frequency, `ln((1 + documents) / (1 + df)) + 1` (as scikit-learn's
 * `TfidfVectorizer(smooth_idf=True)`): a term in every document still weighs 1.
 */
export function smoothIdf(documentFrequency: number, documentCount: number): number {
  return Math.log((1 + documentCount) / (1 + documentFrequency)) + 1;
}

/**
 * The feature vector of a text: TF-IDF of its known terms (raw count x idf, the term part
 * scaled to unit length), then the project word list's eight Plutchik scores (`scoreEmotions`,
 * each 0..1) times `lexiconScale`. Unknown terms are ignored; zero scores are not stored.
 *
 * @param terms the text's {@link featureTerms}, when already computed
 * @returns columns in increasing order with their values
 */
export function featureVector(space: FeatureSpace, text: string, terms: readonly string[] = featureTerms(text)): SparseVector {
  const found: number[] = [];
  for (const term of terms) {
    const column = space.terms.get(term);
    if (column !== undefined) found.push(column);
  }
  found.sort((a, b) => a - b);
  const columns: number[] = [];
  const values: number[] = [];
  for (const column of found) {
    // Sorted, so a repeated term follows itself: count it (raw term frequency x idf).
    if (columns[columns.length - 1] === column) values[values.length - 1] = (values[values.length - 1] ?? 0) + (space.idf[column] ?? 0);
    else {
      columns.push(column);
      values.push(space.idf[column] ?? 0);
    }
  }
  let norm = 0;
  for (const value of values) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / norm;
  const scores = scoreEmotions(text);
  PLUTCHIK_EMOTIONS.forEach((emotion, k) => {
    if (scores[emotion] > 0) {
      columns.push(space.terms.size + k);
      values.push(space.lexiconScale * scores[emotion]);
    }
  });
  return { columns, values };
}
