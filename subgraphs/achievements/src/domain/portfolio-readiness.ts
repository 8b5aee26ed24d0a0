/** Impact score (0..100) from which an achievement is portfolio-ready (seed: `impact >= 70`). */
export const PORTFOLIO_READY_IMPACT = 70;

/** Whether an achievement of this impact score (0..100) belongs in a portfolio by default (seed rule). */
export function isPortfolioReady(impactScore: number): boolean {
  return impactScore >= PORTFOLIO_READY_IMPACT;
}

/** Default portfolio order of an achievement, 0..100 (higher first). */
export const DEFAULT_DISPLAY_PRIORITY = 50;
