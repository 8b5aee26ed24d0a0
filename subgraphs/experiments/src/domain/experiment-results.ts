import { successRate } from './beta-posterior';
import type { ArmCounts } from './beta-posterior';

/** Summary of an experiment's variants. */
export interface ResultsSummary<V> {
  totalImpressions: number;
  totalSuccesses: number;
  /** Pooled success rate of all variants, 0..1 (0 without impressions). */
  successRate: number;
  /** Variant most likely to be the best; null while there are no impressions at all. */
  leader: V | null;
  /** Probability (0..1) that the leader is the best variant; null with no leader. */
  leaderProbabilityBest: number | null;
}

/**
 * Summarises variants: total counts, pooled success rate and the current leader (the variant
 * with the highest probability of being best, ties broken by the higher observed rate).
 *
 * @param variants the experiment's variants with their counts
 * @param probabilities probability each variant is best, in the order of `variants`
 */
export function summariseResults<V extends ArmCounts>(variants: readonly V[], probabilities: readonly number[]): ResultsSummary<V> {
  const totalImpressions = variants.reduce((sum, v) => sum + v.impressions, 0);
  const totalSuccesses = variants.reduce((sum, v) => sum + v.successes, 0);
  let leaderIndex = -1;
  if (totalImpressions > 0) {
    variants.forEach((variant, index) => {
      const p = probabilities[index] ?? 0;
      const current = variants[leaderIndex];
      const best = probabilities[leaderIndex] ?? -1;
      if (!current || p > best || (p === best && successRate(variant) > successRate(current))) leaderIndex = index;
    });
  }
  const leader = variants[leaderIndex] ?? null;
  return {
    totalImpressions,
    totalSuccesses,
    successRate: successRate({ impressions: totalImpressions, successes: totalSuccesses }),
    leader,
    leaderProbabilityBest: leader ? (probabilities[leaderIndex] ?? 0) : null,
  };
}
