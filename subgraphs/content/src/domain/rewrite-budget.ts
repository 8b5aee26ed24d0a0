/** Why a generation job writes its text again: it duplicated an earlier post, or scored below `QUALITY_MIN`. */
export type RewriteReason = 'duplicate' | 'quality';

/** Rewrites a job may make for each reason: each reason has its own budget, neither spends the other's. */
export type RewriteLimits = Readonly<Record<RewriteReason, number>>;

/** Texts a job has rejected so far, by reason. */
export type RewriteCounts = Readonly<Record<RewriteReason, number>>;

/** A job's counts before any text was rejected. */
export const NO_REWRITES: RewriteCounts = { duplicate: 0, quality: 0 };

/**
 * Budgets of a generation job: `DEDUP_MAX_ATTEMPTS` texts that duplicate an earlier post (so
 * `maxDuplicateTexts − 1` rewrites for duplicates), and `qualityRewrites` rewrites after texts
 * below the quality gate.
 */
export function rewriteLimits(maxDuplicateTexts: number, qualityRewrites: number): RewriteLimits {
  return { duplicate: Math.max(0, maxDuplicateTexts - 1), quality: Math.max(0, qualityRewrites) };
}

/**
 * Counts one more text rejected for `reason` and tells whether the job writes again (`rewrite`)
 * or gives up (FAILED with `DUPLICATE_CONTENT`, or BLOCKED for quality). Only `reason`'s budget
 * is spent: a rewrite for quality leaves every duplicate rewrite available, and the reverse.
 *
 * @example rejectText(NO_REWRITES, 'quality', rewriteLimits(3, 1)) // { counts: { duplicate: 0, quality: 1 }, rewrite: true }
 */
export function rejectText(counts: RewriteCounts, reason: RewriteReason, limits: RewriteLimits): { counts: RewriteCounts; rewrite: boolean } {
  const next = { ...counts, [reason]: counts[reason] + 1 };
  return { counts: next, rewrite: next[reason] <= limits[reason] };
}
