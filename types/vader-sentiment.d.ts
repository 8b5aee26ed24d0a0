/**
 * Types of `vader-sentiment` 1.1.3 (JavaScript port of VADER; the package ships none).
 * Hutto & Gilbert (2014), "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of
 * Social Media Text", ICWSM-14.
 */
declare module 'vader-sentiment' {
  /** Proportions of positive, negative and neutral text (each 0..1, summing to ~1) and the normalised compound valence (-1..1). */
  export interface PolarityScores {
    neg: number;
    neu: number;
    pos: number;
    compound: number;
  }

  /** What `polarity_scores` reads of a text (its `SentiText`): the words and whether only some are ALL CAPS. */
  export interface SentiTextLike {
    words_and_emoticons: string[];
    is_cap_diff: boolean;
  }

  /** Rule-based sentiment analyser (stateless; all methods are static). */
  export class SentimentIntensityAnalyzer {
    /** Scores one text; an empty text scores all zeros. */
    static polarity_scores(text: string): PolarityScores;
    /** Appends the valence of word `index` (lexicon, caps, boosters, negation, idioms, "least") to `sentiments` and returns it. */
    static sentiment_valence(valence: number, sentiText: SentiTextLike, item: string, index: number, sentiments: number[]): number[];
    /** Halves the valences before the first "but" (or "BUT") and multiplies those after it by 1.5. */
    static but_check(wordsAndEmoticons: string[], sentiments: number[]): number[];
    /** Sums valences, adds `!`/`?` emphasis from `text`, and normalises to the four scores. */
    static score_valence(sentiments: number[], text: string): PolarityScores;
  }
}
