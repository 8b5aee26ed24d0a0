import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { successRate } from './beta-posterior';
import type { ArmCounts } from './beta-posterior';

/** Significance level (alpha) of an experiment when none is given at creation, as in the seed. */
export const DEFAULT_SIGNIFICANCE_LEVEL = 0.05;
/** Impressions each side of a comparison needs before it is tested, as in the seed. */
export const DEFAULT_MIN_IMPRESSIONS = 10;

/** How treatments are tested against the control. */
export interface SignificanceOptions {
  /** Alpha, in (0, 1): a treatment is significant when its p-value is below it. */
  significanceLevel: number;
  /** Impressions (integer >= 1) both the control and the treatment need before they are tested. */
  minImpressions: number;
}

/** Outcome of one treatment-versus-control z-test. */
export interface ZTestResult {
  /** z statistic (p_t - p_c) / SE; positive when the treatment does better. Null when not tested. */
  zScore: number | null;
  /** Two-tailed p-value 2(1 - Phi(|z|)), in [0, 1]. Null when not tested. */
  pValue: number | null;
  /** True when tested and `pValue < significanceLevel` (in either direction). */
  significant: boolean;
  /** Relative lift (p_t - p_c) / p_c x 100, in percent; null when the control's rate is 0. */
  improvementPercent: number | null;
}

/** One treatment compared with the control. */
export interface VariantComparison<V> extends ZTestResult {
  variant: V;
}

/** The control and every treatment compared with it. */
export interface ControlComparisons<V> {
  /** The experiment's control; null when no variant is marked as control. */
  control: V | null;
  /** One entry per treatment, in the order of the variants; empty without a control. */
  comparisons: Array<VariantComparison<V>>;
}

/**
 * Two-tailed two-proportion z-test of a treatment against the control, as the seed's experiment
 * manager (`_calculate_statistical_significance`, seed-reference §2.2): pooled proportion
 * p = (x_c + x_t) / (n_c + n_t), standard error SE = sqrt(p (1 - p) (1/n_c + 1/n_t)),
 * z = (p_t - p_c) / SE and p-value = 2 (1 - Phi(|z|)), Phi being the standard normal CDF
 * (`@stdlib/stats-base-dists-normal-cdf`), computed as the equal 2 Phi(-|z|) so that small
 * p-values keep their precision (no 1 - 0.99999... cancellation). Unlike the seed, alpha is the experiment's
 * `significanceLevel` instead of a hard-coded 0.05.
 *
 * `zScore` and `pValue` are null (and `significant` false) when either side has fewer than
 * `minImpressions` impressions, or when SE is 0 (both sides all failures or all successes: no
 * variance to test against). `improvementPercent` needs only a control rate above 0.
 *
 * @example
 * twoProportionZTest({ impressions: 1000, successes: 80 }, { impressions: 1000, successes: 120 },
 *   { significanceLevel: 0.05, minImpressions: 10 });
 * // { zScore: 2.981..., pValue: 0.00287..., significant: true, improvementPercent: 50 }
 */
export function twoProportionZTest(control: ArmCounts, treatment: ArmCounts, options: SignificanceOptions): ZTestResult {
  const controlRate = successRate(control);
  const treatmentRate = successRate(treatment);
  const improvementPercent = controlRate > 0 ? ((treatmentRate - controlRate) / controlRate) * 100 : null;
  const untested: ZTestResult = { zScore: null, pValue: null, significant: false, improvementPercent };
  if (control.impressions < options.minImpressions || treatment.impressions < options.minImpressions) return untested;
  const pooled = successRate({
    impressions: control.impressions + treatment.impressions,
    successes: control.successes + treatment.successes,
  });
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / control.impressions + 1 / treatment.impressions));
  if (!(standardError > 0)) return untested;
  const zScore = (treatmentRate - controlRate) / standardError;
  const pValue = Math.min(1, 2 * normalCdf(-Math.abs(zScore), 0, 1));
  return { zScore, pValue, significant: pValue < options.significanceLevel, improvementPercent };
}

/**
 * Compares every treatment of an experiment with its control ({@link twoProportionZTest}). Each
 * treatment is tested on its own at `significanceLevel`, as in the seed: no correction for
 * multiple comparisons, so with k treatments the chance of some false positive is up to k x alpha.
 *
 * @param variants the experiment's variants (one with `isControl`)
 */
export function compareWithControl<V extends ArmCounts & { isControl: boolean }>(
  variants: readonly V[],
  options: SignificanceOptions,
): ControlComparisons<V> {
  const control = variants.find((v) => v.isControl) ?? null;
  if (!control) return { control: null, comparisons: [] };
  const comparisons = variants.filter((v) => v !== control).map((variant) => ({ variant, ...twoProportionZTest(control, variant, options) }));
  return { control, comparisons };
}
