import type { BusinessValueMethod } from './achievement-enums';

/** Impact tier of an estimated value (seed `BusinessImpactTier`). */
export type BusinessValueTier = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'MINIMAL';

/**
 * A business value estimated from a PR's text and size: `usd` (USD, rounded to cents, >= 0)
 * per year when `period` is YEARLY, once when ONE_TIME; `confidence` 0.9 (high), 0.7 (medium)
 * or 0.4 (low); `tier` from {@link businessValueTier}; `explanation` one line of arithmetic.
 */
export interface BusinessValueEstimate {
  usd: number;
  method: BusinessValueMethod;
  confidence: number;
  period: 'YEARLY' | 'ONE_TIME';
  tier: BusinessValueTier;
  explanation: string;
}

/** Size of the change: files changed and lines changed (additions + deletions). */
export interface ChangeSize {
  files: number;
  lines: number;
}

/** Confidence levels of the seed (`ConfidenceLevel`): HIGH 0.9, MEDIUM 0.7, LOW 0.4. */
export const CONFIDENCE = { HIGH: 0.9, MEDIUM: 0.7, LOW: 0.4 } as const;

/** Lower bounds (USD, inclusive) of the tiers, highest first (seed `BusinessImpactTier`). */
export const BUSINESS_VALUE_TIERS: ReadonlyArray<{ tier: BusinessValueTier; minUsd: number }> = [
  { tier: 'CRITICAL', minUsd: 100_000 },
  { tier: 'HIGH', minUsd: 50_000 },
  { tier: 'MEDIUM', minUsd: 15_000 },
  { tier: 'LOW', minUsd: 5_000 },
];

/**
 * Tier of a value in USD: CRITICAL >= 100,000, HIGH >= 50,000, MEDIUM >= 15,000,
 * LOW >= 5,000, else MINIMAL (seed-reference §2.4). The same bounds apply to yearly and
 * one-time values, as in the seed.
 */
export function businessValueTier(usd: number): BusinessValueTier {
  return BUSINESS_VALUE_TIERS.find((entry) => usd >= entry.minUsd)?.tier ?? 'MINIMAL';
}
