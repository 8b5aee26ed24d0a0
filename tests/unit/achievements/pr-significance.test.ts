import { isSignificantPullRequest } from '../../../subgraphs/achievements/src/domain/pr-significance';

function pr(overrides: Partial<{ title: string; labels: string[]; additions: number; deletions: number }> = {}) {
  return { title: 'Update dependencies', labels: [], additions: 0, deletions: 0, ...overrides };
}

describe('isSignificantPullRequest', () => {
  it('counts a PR whose additions plus deletions reach the minimum of changed lines', () => {
    expect(isSignificantPullRequest(pr({ additions: 30, deletions: 19 }), 50)).toBe(false);
    expect(isSignificantPullRequest(pr({ additions: 30, deletions: 20 }), 50)).toBe(true);
    expect(isSignificantPullRequest(pr({ additions: 99 }), 100)).toBe(false);
    expect(isSignificantPullRequest(pr({ deletions: 100 }), 100)).toBe(true);
  });

  it('counts a small PR labelled feature, enhancement, breaking-change or security, in any case', () => {
    for (const label of ['feature', 'enhancement', 'breaking-change', 'security', 'Security', ' FEATURE ']) {
      expect(isSignificantPullRequest(pr({ labels: [label], additions: 1 }), 50)).toBe(true);
    }
  });

  it('does not count a small PR with other labels only', () => {
    expect(isSignificantPullRequest(pr({ labels: ['bug', 'performance', 'documentation'], additions: 1 }), 50)).toBe(false);
  });

  it('counts a small PR whose title starts with a significant conventional prefix', () => {
    const titles = [
      'feat: add search',
      'feat(api): add search',
      'FEAT(API): ADD SEARCH',
      'feat(api)!: drop the v1 endpoint',
      'perf: cache feeds',
      'perf(db): batch inserts',
      'security: rotate keys',
      'fix(auth): critical token leak',
      'fix: Critical crash on start',
      'Breaking change: rename events',
      '  feat: leading spaces',
    ];
    for (const title of titles) expect(isSignificantPullRequest(pr({ title, additions: 1 }), 50)).toBe(true);
  });

  it('does not count a small PR whose title only mentions a prefix or is a non-critical fix', () => {
    const titles = [
      'fix: typo in README',
      'fix(ui): align button',
      'chore: bump lodash',
      'feature: search',
      'security(api): rotate keys',
      'perfect: nothing',
      'Revert "feat: add search"',
      'docs: mention critical settings',
    ];
    for (const title of titles) expect(isSignificantPullRequest(pr({ title, additions: 1 }), 50)).toBe(false);
  });
});
