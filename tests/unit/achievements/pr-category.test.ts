import { pullRequestCategory } from '../../../subgraphs/achievements/src/domain/pr-category';

describe('pullRequestCategory', () => {
  it('lets a label win over the title', () => {
    expect(pullRequestCategory(['bug'], 'feat: retry uploads')).toBe('BUGFIX');
    expect(pullRequestCategory(['documentation'], 'fix: broken link')).toBe('DOCUMENTATION');
  });

  it('tries the labels in the seed order', () => {
    expect(pullRequestCategory(['devops', 'performance', 'security', 'Bugfix'], '')).toBe('BUGFIX');
    expect(pullRequestCategory(['performance', 'security'], '')).toBe('SECURITY');
    expect(pullRequestCategory(['docs', 'performance'], '')).toBe('PERFORMANCE');
    expect(pullRequestCategory(['testing', 'docs'], '')).toBe('DOCUMENTATION');
    expect(pullRequestCategory(['infrastructure', 'test'], '')).toBe('TESTING');
    expect(pullRequestCategory(['devops'], '')).toBe('INFRASTRUCTURE');
    expect(pullRequestCategory([' Infrastructure '], '')).toBe('INFRASTRUCTURE');
  });

  it('falls back to the title when no label maps to a category', () => {
    expect(pullRequestCategory(['enhancement', 'good first issue'], 'Fix crash on empty feed')).toBe('BUGFIX');
  });

  it('tries the title rules in the seed order', () => {
    expect(pullRequestCategory([], 'refactor: fix naming')).toBe('BUGFIX');
    expect(pullRequestCategory([], 'Bug in pager')).toBe('BUGFIX');
    expect(pullRequestCategory([], 'feat(api): optimize search')).toBe('FEATURE');
    expect(pullRequestCategory([], 'Add caching to the feed')).toBe('FEATURE');
    expect(pullRequestCategory([], 'perf: faster feed')).toBe('PERFORMANCE');
    expect(pullRequestCategory([], 'Optimization of the ranking query')).toBe('PERFORMANCE');
    expect(pullRequestCategory([], 'refactor: split the resolver module')).toBe('ARCHITECTURE');
    expect(pullRequestCategory([], 'Patch vulnerable XML parser')).toBe('SECURITY');
    expect(pullRequestCategory([], 'Security headers for the gateway')).toBe('SECURITY');
    expect(pullRequestCategory([], 'Update docs for local setup')).toBe('DOCUMENTATION');
    expect(pullRequestCategory([], 'doc: explain retries')).toBe('DOCUMENTATION');
    expect(pullRequestCategory([], 'test: cover empty pages')).toBe('TESTING');
  });

  it('matches title words whole, as the seed does', () => {
    expect(pullRequestCategory([], 'Prefix the logger output')).toBe('FEATURE');
    expect(pullRequestCategory([], 'Debugging notes for contests')).toBe('FEATURE');
    expect(pullRequestCategory([], 'Prefix the latest doctests')).toBe('FEATURE');
  });

  it('defaults to FEATURE', () => {
    expect(pullRequestCategory([], 'Bump lodash to 4.17.21')).toBe('FEATURE');
    expect(pullRequestCategory(['dependencies'], '')).toBe('FEATURE');
  });
});
