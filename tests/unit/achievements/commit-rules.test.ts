import {
  commitCategory,
  commitComplexityScore,
  commitImpactScore,
  isSignificantCommit,
} from '../../../subgraphs/achievements/src/domain/commit-rules';

describe('isSignificantCommit', () => {
  it('accepts a first line typed feat, feature, fix, perf, refactor, security or breaking', () => {
    const messages = [
      'feat: add search',
      'feature(ui): dark mode',
      'fix: retry uploads',
      'perf(db): batch inserts',
      'refactor: split resolvers',
      'security: rotate keys',
      'breaking: drop v1',
      'BREAKING CHANGE: rename events',
      'Fix(API)!: reject empty ids',
      'feat: add search\n\nLong body explaining it.',
    ];
    for (const message of messages) expect(isSignificantCommit(message)).toBe(true);
  });

  it('rejects other types and words that are not a conventional type', () => {
    const messages = ['chore: bump deps', 'docs: fix typo', 'test: cover pager', 'fix typo in readme', 'Defeat the flaky test', 'Merge branch main\n\nfeat: add search', ''];
    for (const message of messages) expect(isSignificantCommit(message)).toBe(false);
  });
});

describe('commitCategory', () => {
  it('maps each conventional type to its category', () => {
    expect(commitCategory('feat: add search')).toBe('FEATURE');
    expect(commitCategory('feature(ui): dark mode')).toBe('FEATURE');
    expect(commitCategory('fix: retry uploads')).toBe('BUGFIX');
    expect(commitCategory('perf(db): batch inserts')).toBe('PERFORMANCE');
    expect(commitCategory('Refactor: split resolvers')).toBe('ARCHITECTURE');
    expect(commitCategory('test(pager): cover empty pages')).toBe('TESTING');
    expect(commitCategory('docs: explain retries')).toBe('DOCUMENTATION');
    expect(commitCategory('ci: cache node_modules')).toBe('INFRASTRUCTURE');
    expect(commitCategory('security!: rotate keys')).toBe('SECURITY');
  });

  it('returns null for another type or a message without a type', () => {
    expect(commitCategory('chore: bump deps')).toBeNull();
    expect(commitCategory('breaking: drop v1')).toBeNull();
    expect(commitCategory('Update README')).toBeNull();
    expect(commitCategory('constructor: odd type')).toBeNull();
    expect(commitCategory('Merge branch main\n\nfeat: add search')).toBeNull();
  });
});

describe('commitImpactScore', () => {
  it('adds one point per 20 changed lines to 30, up to 90', () => {
    expect(commitImpactScore(0, 0)).toBe(30);
    expect(commitImpactScore(1, 0)).toBe(30.05);
    expect(commitImpactScore(10, 10)).toBe(31);
    expect(commitImpactScore(600, 599)).toBe(89.95);
    expect(commitImpactScore(600, 600)).toBe(90);
    expect(commitImpactScore(5000, 0)).toBe(90);
  });
});

describe('commitComplexityScore', () => {
  it('adds 5 points per file to 40, up to 85', () => {
    expect([0, 1, 8, 9, 20].map(commitComplexityScore)).toEqual([40, 45, 80, 85, 85]);
  });
});
