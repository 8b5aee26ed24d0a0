/** A treatment's test against the control (fields of the API's `VariantComparison`). */
export interface Comparison {
  zScore: number | null;
  /** Two-tailed p-value, 0..1. */
  pValue: number | null;
  significant: boolean;
  /** Relative lift over the control, percent. */
  improvementPercent: number | null;
}

/** The significance columns of a variant's row, as text. */
export interface ComparisonCells {
  z: string;
  p: string;
  /** `Yes`, `No`, `Not tested` (too few impressions, or no variance), or `Control` for the control's row. */
  significant: string;
  /** Signed relative lift in percent with one decimal, e.g. `+50.0 %`. */
  lift: string;
}

const DASH = '—';

/**
 * The text of a variant's significance columns: z (2 decimals), p (3 decimals, `< 0.001` below),
 * whether it is significant and its lift over the control; `comparison` is undefined for the
 * control itself. A dash stands for a value the API leaves null.
 */
export function comparisonCells(comparison: Comparison | undefined): ComparisonCells {
  if (!comparison) return { z: DASH, p: DASH, significant: 'Control', lift: DASH };
  const { zScore, pValue, improvementPercent } = comparison;
  const tested = zScore !== null;
  return {
    z: tested ? zScore.toFixed(2) : DASH,
    p: pValue === null ? DASH : pValue < 0.001 ? '< 0.001' : pValue.toFixed(3),
    significant: !tested ? 'Not tested' : comparison.significant ? 'Yes' : 'No',
    lift: improvementPercent === null ? DASH : `${improvementPercent > 0 ? '+' : ''}${improvementPercent.toFixed(1)} %`,
  };
}
