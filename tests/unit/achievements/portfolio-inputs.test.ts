import { ValidationError } from '../../../lib/errors';
import { validateInput } from '../../../lib/graphql';
import { exportPortfolioArgs, isPortfolioSnapshotId, portfolioSnapshotsArgs } from '../../../subgraphs/achievements/src/resolvers/inputs';

function invalidFields(input: unknown): Record<string, string> | undefined {
  try {
    validateInput(exportPortfolioArgs, input);
    return undefined;
  } catch (err) {
    if (err instanceof ValidationError) return err.fields;
    throw err;
  }
}

describe('exportPortfolioArgs', () => {
  it('leaves omitted and null filter fields to the template (undefined)', () => {
    const empty = { template: undefined, portfolioReadyOnly: undefined, minImpactScore: undefined, categories: undefined, maxAchievements: undefined };
    expect(validateInput(exportPortfolioArgs, { format: 'HTML' })).toEqual({ format: 'HTML', filter: empty });
    expect(validateInput(exportPortfolioArgs, { format: 'HTML', filter: { template: null, portfolioReadyOnly: null } })).toEqual({ format: 'HTML', filter: empty });
  });

  it('keeps given fields and drops duplicate categories', () => {
    expect(
      validateInput(exportPortfolioArgs, {
        format: 'JSON',
        filter: { template: 'FULL_ARCHIVE', portfolioReadyOnly: true, minImpactScore: 70, categories: ['FEATURE', 'FEATURE', 'SECURITY'], maxAchievements: 500 },
      }).filter,
    ).toEqual({ template: 'FULL_ARCHIVE', portfolioReadyOnly: true, minImpactScore: 70, categories: ['FEATURE', 'SECURITY'], maxAchievements: 500 });
  });

  it('rejects out-of-range values by path', () => {
    expect(invalidFields({ format: 'JSON', filter: { maxAchievements: 0 } })).toEqual({ 'filter.maxAchievements': 'must be between 1 and 500' });
    expect(invalidFields({ format: 'JSON', filter: { maxAchievements: 501 } })).toEqual({ 'filter.maxAchievements': 'must be between 1 and 500' });
    expect(invalidFields({ format: 'JSON', filter: { maxAchievements: 2.5 } })).toEqual({ 'filter.maxAchievements': 'must be an integer' });
    expect(invalidFields({ format: 'JSON', filter: { minImpactScore: -1 } })).toEqual({ 'filter.minImpactScore': 'must be between 0 and 100' });
    expect(invalidFields({ format: 'JSON', filter: { categories: [] } })).toEqual({ 'filter.categories': 'must list at least one category (omit it for all)' });
    expect(invalidFields({ format: 'PDF' })).toHaveProperty('format');
  });
});

describe('portfolio snapshot arguments', () => {
  it('accepts UUID ids only', () => {
    expect(isPortfolioSnapshotId('00000000-0000-4000-8000-000000000000')).toBe(true);
    expect(isPortfolioSnapshotId('nope')).toBe(false);
  });

  it('makes a null format no filter', () => {
    expect(validateInput(portfolioSnapshotsArgs, { first: 5, format: null })).toEqual({ format: undefined });
    expect(validateInput(portfolioSnapshotsArgs, { format: 'MARKDOWN' })).toEqual({ format: 'MARKDOWN' });
  });
});
