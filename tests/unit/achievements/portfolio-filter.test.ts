import { MAX_PORTFOLIO_ACHIEVEMENTS, resolvePortfolioFilter } from '../../../subgraphs/achievements/src/domain/portfolio-filter';
import { nextPortfolioVersion, portfolioVersionBase } from '../../../subgraphs/achievements/src/domain/portfolio-version';

describe('resolvePortfolioFilter', () => {
  it('defaults to portfolio-ready achievements of any impact and category, up to 500', () => {
    expect(resolvePortfolioFilter({})).toEqual({
      template: null,
      portfolioReadyOnly: true,
      minImpactScore: null,
      categories: null,
      maxAchievements: MAX_PORTFOLIO_ACHIEVEMENTS,
    });
    expect(MAX_PORTFOLIO_ACHIEVEMENTS).toBe(500);
  });

  it('presets the seed templates', () => {
    expect(resolvePortfolioFilter({ template: 'EXECUTIVE_SUMMARY' })).toEqual({
      template: 'EXECUTIVE_SUMMARY',
      portfolioReadyOnly: true,
      minImpactScore: 70,
      categories: null,
      maxAchievements: 10,
    });
    expect(resolvePortfolioFilter({ template: 'TECHNICAL_PORTFOLIO' })).toEqual({
      template: 'TECHNICAL_PORTFOLIO',
      portfolioReadyOnly: true,
      minImpactScore: null,
      categories: ['FEATURE', 'PERFORMANCE', 'ARCHITECTURE'],
      maxAchievements: 500,
    });
    expect(resolvePortfolioFilter({ template: 'FULL_ARCHIVE' })).toEqual({
      template: 'FULL_ARCHIVE',
      portfolioReadyOnly: false,
      minImpactScore: null,
      categories: null,
      maxAchievements: 500,
    });
  });

  it('lets explicit fields override the template', () => {
    expect(
      resolvePortfolioFilter({ template: 'EXECUTIVE_SUMMARY', minImpactScore: 50, maxAchievements: 3, portfolioReadyOnly: false, categories: ['SECURITY'] }),
    ).toEqual({ template: 'EXECUTIVE_SUMMARY', portfolioReadyOnly: false, minImpactScore: 50, categories: ['SECURITY'], maxAchievements: 3 });
    expect(resolvePortfolioFilter({ template: 'FULL_ARCHIVE', portfolioReadyOnly: true }).portfolioReadyOnly).toBe(true);
  });
});

describe('portfolio versions', () => {
  it('formats the creation time as YYYYMMDD_HHMMSS in UTC', () => {
    expect(portfolioVersionBase(new Date('2026-11-29T12:03:04.567Z'))).toBe('20261129_120304');
    expect(portfolioVersionBase(new Date('2026-01-01T00:30:00+02:00'))).toBe('20251231_223000');
  });

  it('suffixes _2, _3... when the second already has a snapshot of the format', () => {
    expect(nextPortfolioVersion('20261129_120304', [])).toBe('20261129_120304');
    expect(nextPortfolioVersion('20261129_120304', ['20261129_120304'])).toBe('20261129_120304_2');
    expect(nextPortfolioVersion('20261129_120304', ['20261129_120304', '20261129_120304_2', '20261129_120304_4'])).toBe('20261129_120304_3');
  });
});
