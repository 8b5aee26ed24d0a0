/** How a portfolio is rendered (GraphQL `PortfolioFormat`). */
export const PORTFOLIO_FORMATS = ['MARKDOWN', 'JSON', 'HTML'] as const;
/** One of {@link PORTFOLIO_FORMATS}. */
export type PortfolioFormat = (typeof PORTFOLIO_FORMATS)[number];

/** Preset portfolio filters (GraphQL `PortfolioTemplate`; seed-reference §2.4 "Portfolio generation"). */
export const PORTFOLIO_TEMPLATES = ['EXECUTIVE_SUMMARY', 'TECHNICAL_PORTFOLIO', 'FULL_ARCHIVE'] as const;
/** One of {@link PORTFOLIO_TEMPLATES}. */
export type PortfolioTemplate = (typeof PORTFOLIO_TEMPLATES)[number];
