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

  /** Rule-based sentiment analyser (stateless; all methods are static). */
  export class SentimentIntensityAnalyzer {
    /** Scores one text; an empty text scores all zeros. */
    static polarity_scores(text: string): PolarityScores;
  }
}
