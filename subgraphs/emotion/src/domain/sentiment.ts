import { SentimentIntensityAnalyzer } from 'vader-sentiment';

/** VADER valence of a text: proportions `positive`/`negative`/`neutral` (0..1) and `compound` (-1..1). */
export interface SentimentScores {
  positive: number;
  negative: number;
  neutral: number;
  compound: number;
}

/**
 * Scores a text's valence with VADER (`vader-sentiment`, Hutto & Gilbert 2014: a lexicon and
 * rules for negation, boosters, caps, punctuation and "but", tuned for social media). The
 * compound is the normalised sum of valences, `x / sqrt(x^2 + 15)`.
 *
 * @returns all zeros for a text without sentiment words (and for an empty text)
 */
export function scoreSentiment(text: string): SentimentScores {
  const { pos, neg, neu, compound } = SentimentIntensityAnalyzer.polarity_scores(text);
  return { positive: pos, negative: neg, neutral: neu, compound };
}
