import { successRate } from './beta-posterior';
import type { ArmCounts } from './beta-posterior';
import type { VariantStatus } from './experiment-status';

/** Impressions a variant (and the control) needs before the early-stop rule judges it, as the seed's `min_interactions`. */
export const EARLY_STOP_MIN_IMPRESSIONS = 10;
/** A variant is stopped when its success rate is under this fraction of the control's (the seed's `kill_threshold`). */
export const EARLY_STOP_RATE_RATIO = 0.5;

/** What the early-stop rule reads of a variant. */
export interface EarlyStopArm extends ArmCounts {
  isControl: boolean;
  status: VariantStatus;
}

/** A variant to pause and why. */
export interface EarlyStopDecision<V> {
  variant: V;
  /** Human-readable reason stored with the pause, e.g. "early stop: success rate 2.0% after 50 impressions is under half the control's 8.0%". */
  reason: string;
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/**
 * The seed's early-kill rule (`performance_monitor/early_kill.py`, seed-reference §2.2) with the
 * control as the expected rate: an ACTIVE treatment with at least
 * {@link EARLY_STOP_MIN_IMPRESSIONS} impressions whose success rate is strictly under
 * {@link EARLY_STOP_RATE_RATIO} x the control's is to be paused. The control itself is never
 * paused, and it needs {@link EARLY_STOP_MIN_IMPRESSIONS} impressions too: below that its rate
 * is no baseline (one lucky success would make every treatment look poor). A control rate of 0
 * stops nothing (no rate is under 0). Already PAUSED variants are not returned again, so
 * applying the decisions is idempotent.
 *
 * @param variants the experiment's variants with their counts and statuses
 * @returns the variants to pause, in input order (empty when none)
 */
export function variantsToStopEarly<V extends EarlyStopArm>(variants: readonly V[]): Array<EarlyStopDecision<V>> {
  const control = variants.find((v) => v.isControl);
  if (!control || control.impressions < EARLY_STOP_MIN_IMPRESSIONS) return [];
  const controlRate = successRate(control);
  const threshold = EARLY_STOP_RATE_RATIO * controlRate;
  return variants
    .filter((v) => !v.isControl && v.status === 'ACTIVE' && v.impressions >= EARLY_STOP_MIN_IMPRESSIONS && successRate(v) < threshold)
    .map((variant) => ({
      variant,
      reason: `early stop: success rate ${percent(successRate(variant))} after ${variant.impressions} impressions is under half the control's ${percent(controlRate)}`,
    }));
}
