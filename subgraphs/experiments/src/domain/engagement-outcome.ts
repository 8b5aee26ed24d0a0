/** Cumulative engagement totals of one post (absolute counts, as in `postEngagementData`). */
export interface EngagementTotals {
  impressions: number;
  likes: number;
  replies: number;
  reposts: number;
  follows: number;
}

/** Impressions and successes of one post already added to its variant's counts. */
export interface RecordedOutcome {
  impressions: number;
  successes: number;
}

/** What one engagement event changes: the deltas to add to the variant and the new recorded totals. */
export interface OutcomeUpdate {
  impressionsDelta: number;
  successesDelta: number;
  recorded: RecordedOutcome;
}

/**
 * Successes of a post: interactions that show the hook worked (likes + replies + reposts),
 * capped at its impressions so that a post is at most "impressions" Bernoulli trials with at
 * most one success each. Follows are not counted (they are about the persona, not the post).
 */
export function successesOf(totals: EngagementTotals): number {
  return Math.min(totals.impressions, totals.likes + totals.replies + totals.reposts);
}

/**
 * Folds new absolute totals of a post into what was already recorded for it, as a high-water
 * mark: recorded impressions become max(recorded, new) and recorded successes
 * max(recorded, new successes), capped at the recorded impressions. The deltas are therefore
 * never negative: a replay of the same totals changes nothing, and an out-of-order older event
 * (lower totals) is ignored instead of subtracting, so the variant's counts only grow and
 * successes never exceed impressions.
 */
export function foldEngagement(recorded: RecordedOutcome, totals: EngagementTotals): OutcomeUpdate {
  const impressions = Math.max(recorded.impressions, totals.impressions);
  const successes = Math.min(impressions, Math.max(recorded.successes, successesOf(totals)));
  return {
    impressionsDelta: impressions - recorded.impressions,
    successesDelta: successes - recorded.successes,
    recorded: { impressions, successes },
  };
}
