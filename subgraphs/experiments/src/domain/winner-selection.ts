import { successRate } from './beta-posterior';
import type { ArmCounts } from './beta-posterior';
import type { ControlComparisons } from './significance';

/**
 * The winner of a completed experiment by the seed's rule (`_calculate_statistical_significance`,
 * seed-reference §2.2): the treatment with the highest success rate among those significantly
 * different from the control AND doing better than it; with none, the control (the change is
 * not shown to help, so keep the baseline). A treatment significantly worse than the control
 * never wins. Ties keep the earlier variant.
 *
 * @param result the control and its comparisons (see `compareWithControl`)
 * @returns the winning variant; null only when the experiment has no control
 */
export function chooseWinner<V extends ArmCounts>(result: ControlComparisons<V>): V | null {
  if (!result.control) return null;
  let winner = result.control;
  let bestRate = successRate(result.control);
  for (const comparison of result.comparisons) {
    const rate = successRate(comparison.variant);
    if (comparison.significant && rate > bestRate) {
      winner = comparison.variant;
      bestRate = rate;
    }
  }
  return winner;
}
