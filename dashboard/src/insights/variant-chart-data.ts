/** What the success-rate chart needs of a variant (fields of the API's `Variant`). */
export interface VariantRates {
  name: string;
  /** Observed success rate, 0..1. */
  successRate: number;
  /** Credible interval of the success rate, bounds 0..1. */
  credibleInterval: { lower: number; upper: number };
}

/** One bar of the success-rate chart; every number is in percent (0..100). */
export interface VariantBar {
  name: string;
  /** Observed success rate, %. */
  rate: number;
  /** Credible interval bounds, %. */
  lower: number;
  upper: number;
  /**
   * recharts' asymmetric `ErrorBar` value: the distances `[rate - lower, upper - rate]` in
   * percentage points, so that the whisker spans `lower..upper`. The first is negative when the
   * observed rate lies below the interval (no impressions: rate 0, interval 2.5..97.5).
   */
  error: [number, number];
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/**
 * Shapes variants for a bar chart of success rates with their credible intervals as error bars,
 * in percent rounded to 0.01 percentage point, in the order given.
 *
 * @example variantChartData([{ name: 'control', successRate: 0.1, credibleInterval: { lower: 0.05, upper: 0.18 } }])
 *   // [{ name: 'control', rate: 10, lower: 5, upper: 18, error: [5, 8] }]
 */
export function variantChartData(variants: readonly VariantRates[]): VariantBar[] {
  return variants.map((variant) => {
    const rate = round2(variant.successRate * 100);
    const lower = round2(variant.credibleInterval.lower * 100);
    const upper = round2(variant.credibleInterval.upper * 100);
    return { name: variant.name, rate, lower, upper, error: [round2(rate - lower), round2(upper - rate)] };
  });
}

/**
 * Top of the chart's axis, %: the highest interval bound or rate rounded up to a multiple of 10,
 * at least 10 and at most 100, so every whisker fits.
 */
export function rateAxisMaxPercent(bars: readonly VariantBar[]): number {
  const highest = Math.max(0, ...bars.map((bar) => Math.max(bar.upper, bar.rate)));
  return Math.min(100, Math.max(10, Math.ceil(highest / 10) * 10));
}
