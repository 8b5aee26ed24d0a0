/** The shapes of a text's sentiment arc, in the order aggregates list them. */
export const TRAJECTORY_TYPES = ['RISING', 'FALLING', 'STABLE', 'VOLATILE'] as const;

/** Shape of a text's sentiment arc over its segments. */
export type TrajectoryType = (typeof TRAJECTORY_TYPES)[number];

/**
 * A change of compound between consecutive segments counts as a move only when its magnitude
 * is strictly above this. VADER compounds of neutral-ish sentences wander by 0.1-0.2; 0.3 is
 * roughly "one sentiment word more or less", so smaller wiggles are noise.
 */
export const SIGNIFICANT_DELTA = 0.3;
/** Two or more direction reversals between significant moves (up-down-up) make a text VOLATILE. */
export const VOLATILE_REVERSALS = 2;
/**
 * One reversal also makes a text VOLATILE when the compounds' population standard deviation is
 * above this: a swing across most of the -1..1 range and back (e.g. 0, 0.9, -0.9 has sd 0.73).
 * A monotone series never qualifies, however spread out, so a steady climb stays RISING.
 */
export const VOLATILE_STDEV = 0.5;
/** RISING/FALLING need last-minus-first beyond this (same reasoning as {@link SIGNIFICANT_DELTA}). */
export const TREND_MIN_CHANGE = 0.3;

/**
 * Number of direction reversals: sign changes between consecutive significant moves
 * (|delta| > {@link SIGNIFICANT_DELTA}); small moves in between are skipped.
 *
 * @example countReversals([0, 0.5, 0, 0.5]) // 2
 */
export function countReversals(series: readonly number[]): number {
  let reversals = 0;
  let lastSign = 0;
  for (let i = 1; i < series.length; i++) {
    const delta = (series[i] ?? 0) - (series[i - 1] ?? 0);
    if (Math.abs(delta) <= SIGNIFICANT_DELTA) continue;
    const sign = Math.sign(delta);
    if (lastSign !== 0 && sign !== lastSign) reversals++;
    lastSign = sign;
  }
  return reversals;
}

/** Population standard deviation; 0 for fewer than two values. */
export function standardDeviation(series: readonly number[]): number {
  if (series.length < 2) return 0;
  const mean = series.reduce((a, b) => a + b, 0) / series.length;
  const variance = series.reduce((acc, x) => acc + (x - mean) ** 2, 0) / series.length;
  return Math.sqrt(variance);
}

/** Ordinary least-squares slope of the values against their index (0, 1, 2...); 0 for fewer than two. */
export function regressionSlope(series: readonly number[]): number {
  const n = series.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = series.reduce((a, b) => a + b, 0) / n;
  let covariance = 0;
  let varianceX = 0;
  series.forEach((y, x) => {
    covariance += (x - meanX) * (y - meanY);
    varianceX += (x - meanX) ** 2;
  });
  return covariance / varianceX;
}

/**
 * Classifies the series of segment sentiment compounds (each -1..1), in this order:
 * 1. fewer than two segments: STABLE;
 * 2. VOLATILE when there are >= {@link VOLATILE_REVERSALS} reversals, or one reversal with a
 *    standard deviation > {@link VOLATILE_STDEV};
 * 3. RISING when last - first > {@link TREND_MIN_CHANGE} and the regression slope is positive
 *    (the slope guards against an arc whose end points disagree with its body);
 * 4. FALLING symmetrically (last - first < -0.3, slope negative);
 * 5. otherwise STABLE.
 *
 * @example classifyTrajectory([-0.5, 0, 0.6]) // 'RISING'
 */
export function classifyTrajectory(series: readonly number[]): TrajectoryType {
  if (series.length < 2) return 'STABLE';
  const reversals = countReversals(series);
  if (reversals >= VOLATILE_REVERSALS || (reversals >= 1 && standardDeviation(series) > VOLATILE_STDEV)) {
    return 'VOLATILE';
  }
  const change = (series[series.length - 1] ?? 0) - (series[0] ?? 0);
  const slope = regressionSlope(series);
  if (change > TREND_MIN_CHANGE && slope > 0) return 'RISING';
  if (change < -TREND_MIN_CHANGE && slope < 0) return 'FALLING';
  return 'STABLE';
}
