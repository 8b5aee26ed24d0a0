import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';

/** Observed counts of one variant (arm): posts shown and posts that got engagement. */
export interface ArmCounts {
  /** Impressions (trials), an integer >= 0. */
  impressions: number;
  /** Successes, an integer in 0..impressions (larger values are clamped to `impressions`). */
  successes: number;
}

/** Shape parameters of a Beta distribution (both > 0). */
export interface BetaParameters {
  alpha: number;
  beta: number;
}

/** An equal-tailed Bayesian credible interval of a success rate (bounds in 0..1). */
export interface CredibleInterval {
  lower: number;
  upper: number;
  /** Probability mass inside the interval, e.g. 0.95. */
  level: number;
}

/**
 * Beta posterior of a success rate under a uniform Beta(1, 1) prior (conjugate Beta-Bernoulli
 * update): Beta(successes + 1, impressions - successes + 1). Negative or fractional counts are
 * floored at 0 and successes are clamped to `impressions`, so the parameters are always >= 1.
 */
export function posteriorParameters(counts: ArmCounts): BetaParameters {
  const impressions = Math.max(0, Math.floor(counts.impressions));
  const successes = Math.min(impressions, Math.max(0, Math.floor(counts.successes)));
  return { alpha: successes + 1, beta: impressions - successes + 1 };
}

/** Posterior mean alpha / (alpha + beta) of the success rate, in 0..1 (0.5 with no data). */
export function posteriorMean(counts: ArmCounts): number {
  const { alpha, beta } = posteriorParameters(counts);
  return alpha / (alpha + beta);
}

/** Observed success rate successes / impressions in 0..1; 0 when there are no impressions. */
export function successRate(counts: ArmCounts): number {
  if (counts.impressions <= 0) return 0;
  return Math.min(1, Math.max(0, counts.successes / counts.impressions));
}

/**
 * Equal-tailed credible interval of the success rate: the (1 - level) / 2 and (1 + level) / 2
 * quantiles of the Beta posterior (see {@link posteriorParameters}), computed with
 * `@stdlib/stats-base-dists-beta-quantile`.
 *
 * @param level probability mass inside the interval, in (0, 1); 0.95 by default
 * @throws {RangeError} when `level` is not strictly between 0 and 1
 */
export function credibleInterval(counts: ArmCounts, level = 0.95): CredibleInterval {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const { alpha, beta } = posteriorParameters(counts);
  const tail = (1 - level) / 2;
  return { lower: betaQuantile(tail, alpha, beta), upper: betaQuantile(1 - tail, alpha, beta), level };
}
