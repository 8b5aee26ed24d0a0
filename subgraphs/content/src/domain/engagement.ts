/** Engagement counts of a post (non-negative integers). */
export interface EngagementCounts {
  impressions: number;
  likes: number;
  replies: number;
  reposts: number;
}

/**
 * Engagement rate = (likes + replies + reposts) / impressions (seed behaviour of Threads-Agent).
 * Follows are a conversion, not an engagement, so they are not counted.
 *
 * @returns the rate (0..1 when interactions do not exceed impressions), or null with no impressions
 * @example engagementRate({ impressions: 1000, likes: 80, replies: 15, reposts: 5 }) // 0.1
 */
export function engagementRate(counts: EngagementCounts): number | null {
  if (counts.impressions === 0) return null;
  return (counts.likes + counts.replies + counts.reposts) / counts.impressions;
}

/**
 * Cost per follow in USD: total generation cost divided by follows gained.
 *
 * @returns USD per follow, or null when there are no follows
 */
export function costPerFollow(costUsd: number, follows: number): number | null {
  return follows > 0 ? costUsd / follows : null;
}
