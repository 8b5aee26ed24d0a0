import { createHash } from 'node:crypto';
import type { ExperimentAlgorithm } from './experiment-status';

/** How far from 1 the traffic allocations of an experiment may sum (floating-point slack). */
export const ALLOCATION_TOLERANCE = 1e-6;

/** 2^48: the hash point uses the first 48 bits of the digest (exact in a double). */
const HASH_RANGE = 2 ** 48;

/**
 * Stable point in [0, 1) for one post of one experiment: the first 48 bits of
 * SHA-256(`<experimentId>:<postId>`) divided by 2^48. The seed used Python's `hash()` of the
 * same key, which is salted per process (a restart reshuffles everyone); SHA-256 gives the same
 * point in every process, release and language, spread uniformly.
 */
export function allocationPoint(experimentId: string, postId: string): number {
  return createHash('sha256').update(`${experimentId}:${postId}`).digest().readUIntBE(0, 6) / HASH_RANGE;
}

/**
 * Index of the variant whose slice of [0, 1) contains `point`: the weights are laid end to end
 * in order, scaled by their sum (so the weights of the ACTIVE variants still cover [0, 1) after
 * others were paused: a paused variant's share goes to the rest in proportion). As in the seed
 * (seed-reference §2.2), a point past the last boundary (rounding) falls to the last variant.
 * Weights that are not positive get no traffic; when none is positive the split is equal.
 *
 * @param point in [0, 1), e.g. {@link allocationPoint}
 * @param weights one weight per variant (at least one)
 * @throws {RangeError} when `weights` is empty
 */
export function pickByAllocation(point: number, weights: readonly number[]): number {
  if (weights.length === 0) throw new RangeError('pickByAllocation needs at least one weight');
  const positive = weights.map((w) => (w > 0 ? w : 0));
  const total = positive.reduce((sum, w) => sum + w, 0);
  const shares = total > 0 ? positive.map((w) => w / total) : positive.map(() => 1 / weights.length);
  let cumulative = 0;
  for (let index = 0; index < shares.length; index += 1) {
    cumulative += shares[index] ?? 0;
    if (point < cumulative) return index;
  }
  return weights.length - 1;
}

/** `count` equal shares summing to 1 (the default split of a FIXED_ALLOCATION experiment). */
export function equalSplit(count: number): number[] {
  return Array.from({ length: count }, () => 1 / count);
}

/**
 * Checks the traffic allocations given with the variants of a new experiment (each already in
 * (0, 1]): they apply to `FIXED_ALLOCATION` only (Thompson sampling sets its own split, so a
 * weight there would be silently ignored), are given for every variant or for none, and sum to
 * 1 within {@link ALLOCATION_TOLERANCE}.
 *
 * @param allocations one per variant, null/undefined where not given
 * @returns problems keyed by input path; empty when valid
 */
export function checkTrafficAllocation(
  allocations: ReadonlyArray<number | null | undefined>,
  algorithm: ExperimentAlgorithm,
  path = 'input.variants',
): Record<string, string> {
  const given = allocations.filter((a): a is number => a !== null && a !== undefined);
  if (given.length === 0) return {};
  if (algorithm !== 'FIXED_ALLOCATION') {
    return { [path]: 'trafficAllocation applies to FIXED_ALLOCATION only (Thompson sampling allocates by probabilityBest)' };
  }
  if (given.length !== allocations.length) return { [path]: 'give trafficAllocation for every variant or for none (equal split)' };
  const sum = given.reduce((total, a) => total + a, 0);
  if (Math.abs(sum - 1) > ALLOCATION_TOLERANCE) return { [path]: `traffic allocations must sum to 1, got ${sum}` };
  return {};
}

/**
 * The traffic allocation stored per variant: the given weights, or an equal split, under
 * `FIXED_ALLOCATION`; null for every variant under `THOMPSON_SAMPLING` (no fixed split).
 * Call after {@link checkTrafficAllocation}.
 */
export function resolveTrafficAllocation(
  allocations: ReadonlyArray<number | null | undefined>,
  algorithm: ExperimentAlgorithm,
): Array<number | null> {
  if (algorithm !== 'FIXED_ALLOCATION') return allocations.map(() => null);
  const equal = equalSplit(allocations.length);
  return allocations.map((a, index) => a ?? equal[index] ?? null);
}
