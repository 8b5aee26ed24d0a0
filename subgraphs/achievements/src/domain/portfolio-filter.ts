import type { AchievementCategory } from './achievement-enums';
import type { PortfolioTemplate } from './portfolio-enums';

/** Most achievements in one portfolio (the largest `maxAchievements`, and the cap without one). */
export const MAX_PORTFOLIO_ACHIEVEMENTS = 500;

/** A portfolio filter as asked for (GraphQL `PortfolioFilter`, validated); an undefined field takes the template's value. */
export interface PortfolioFilterRequest {
  template?: PortfolioTemplate | undefined;
  portfolioReadyOnly?: boolean | undefined;
  /** Inclusive minimum impact score, 0..100. */
  minImpactScore?: number | undefined;
  /** At least one category. */
  categories?: readonly AchievementCategory[] | undefined;
  /** 1..{@link MAX_PORTFOLIO_ACHIEVEMENTS}. */
  maxAchievements?: number | undefined;
}

/** The effective filter of an export: what is selected, stored with the snapshot. */
export interface PortfolioSelection {
  template: PortfolioTemplate | null;
  /** Only achievements marked `portfolio_ready`. */
  portfolioReadyOnly: boolean;
  /** Inclusive minimum impact score, 0..100; null: any. */
  minImpactScore: number | null;
  /** Categories to include; null: all. */
  categories: AchievementCategory[] | null;
  /** 1..{@link MAX_PORTFOLIO_ACHIEVEMENTS}: the first ones in portfolio order are kept. */
  maxAchievements: number;
}

type TemplateDefaults = Partial<Omit<PortfolioSelection, 'template'>>;

/**
 * What each template presets (seed-reference §2.4 "Portfolio generation"): the executive summary
 * keeps the 10 best achievements of impact >= 70; the technical portfolio keeps features,
 * performance work (the seed's "optimization") and architecture; the full archive keeps
 * everything, portfolio-ready or not (up to {@link MAX_PORTFOLIO_ACHIEVEMENTS}).
 */
export const PORTFOLIO_TEMPLATE_DEFAULTS: Readonly<Record<PortfolioTemplate, Readonly<TemplateDefaults>>> = {
  EXECUTIVE_SUMMARY: { minImpactScore: 70, maxAchievements: 10 },
  TECHNICAL_PORTFOLIO: { categories: ['FEATURE', 'PERFORMANCE', 'ARCHITECTURE'] },
  FULL_ARCHIVE: { portfolioReadyOnly: false },
};

/**
 * The effective filter of a request: explicit fields win over the template's presets, which win
 * over the defaults (portfolio-ready only, any impact, all categories, at most
 * {@link MAX_PORTFOLIO_ACHIEVEMENTS}).
 *
 * @example resolvePortfolioFilter({ template: 'EXECUTIVE_SUMMARY', maxAchievements: 3 })
 * // { template: 'EXECUTIVE_SUMMARY', portfolioReadyOnly: true, minImpactScore: 70, categories: null, maxAchievements: 3 }
 */
export function resolvePortfolioFilter(request: PortfolioFilterRequest): PortfolioSelection {
  const preset: TemplateDefaults = request.template ? PORTFOLIO_TEMPLATE_DEFAULTS[request.template] : {};
  const categories = request.categories ?? preset.categories ?? null;
  return {
    template: request.template ?? null,
    portfolioReadyOnly: request.portfolioReadyOnly ?? preset.portfolioReadyOnly ?? true,
    minImpactScore: request.minImpactScore ?? preset.minImpactScore ?? null,
    categories: categories ? [...categories] : null,
    maxAchievements: request.maxAchievements ?? preset.maxAchievements ?? MAX_PORTFOLIO_ACHIEVEMENTS,
  };
}
