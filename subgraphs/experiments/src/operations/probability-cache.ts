import { createBetaSampler, probabilityBest } from '../domain/thompson-sampling';
import type { ArmCounts } from '../domain/beta-posterior';

/**
 * Seed of the Monte Carlo estimate of `probabilityBest`: the same counts always give the same
 * estimate, so the value does not jitter between requests and can be cached.
 */
export const PROBABILITY_BEST_SEED = 1933;

/**
 * Bounded cache of `probabilityBest` estimates keyed by the variants' ids and counts. An
 * estimate costs ~10 ms of CPU (10 000 draws per variant) and only changes when engagement
 * arrives, so one instance is created per server and shared by its requests; the least
 * recently used entry is dropped beyond `maxEntries`.
 */
export class ProbabilityBestCache {
  private readonly entries = new Map<string, number[]>();

  /** @param maxEntries most estimates kept (default 1000) */
  constructor(private readonly maxEntries = 1000) {}

  /**
   * Probability each variant is best (0..1, summing to 1), in the order of `variants`:
   * seeded Monte Carlo (see `probabilityBest`), computed once per distinct set of counts.
   */
  estimate(variants: ReadonlyArray<ArmCounts & { id: string }>): number[] {
    const key = variants.map((v) => `${v.id}:${v.impressions}:${v.successes}`).join('|');
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const estimate = probabilityBest(variants, { sample: createBetaSampler(PROBABILITY_BEST_SEED) });
    this.entries.set(key, estimate);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return estimate;
  }
}
