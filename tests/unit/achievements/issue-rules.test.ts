import { isIssueAchievement, issueCategory, issueImpactScore } from '../../../subgraphs/achievements/src/domain/issue-rules';

describe('isIssueAchievement', () => {
  it('accepts an issue labelled bug, enhancement, feature or task in any case', () => {
    for (const label of ['bug', 'Enhancement', 'FEATURE', ' task ']) expect(isIssueAchievement([label, 'p1'])).toBe(true);
  });

  it('rejects an issue with a non-work label even if it has a work label', () => {
    expect(isIssueAchievement(['bug', 'wontfix'])).toBe(false);
    expect(isIssueAchievement(['enhancement', 'Duplicate'])).toBe(false);
    expect(isIssueAchievement(['task', 'invalid'])).toBe(false);
    expect(isIssueAchievement(['feature', 'question'])).toBe(false);
  });

  it('rejects an issue without a work label', () => {
    expect(isIssueAchievement([])).toBe(false);
    expect(isIssueAchievement(['documentation', 'security'])).toBe(false);
  });
});

describe('issueCategory', () => {
  it('tries bug, enhancement/feature, security, performance and documentation in that order', () => {
    expect(issueCategory(['enhancement', 'Bug'])).toBe('BUGFIX');
    expect(issueCategory(['security', 'feature'])).toBe('FEATURE');
    expect(issueCategory(['task', 'performance', 'security'])).toBe('SECURITY');
    expect(issueCategory(['task', 'documentation', 'performance'])).toBe('PERFORMANCE');
    expect(issueCategory(['task', 'docs'])).toBe('DOCUMENTATION');
  });

  it('defaults to OTHER', () => {
    expect(issueCategory(['task'])).toBe('OTHER');
  });
});

describe('issueImpactScore', () => {
  it('starts at 50 and adds 10 once for security or performance and 5 for bug', () => {
    expect(issueImpactScore([], 0).score).toBe(50);
    expect(issueImpactScore(['Security'], 0).score).toBe(60);
    expect(issueImpactScore(['performance'], 0).score).toBe(60);
    expect(issueImpactScore(['security', 'performance'], 0).score).toBe(60);
    expect(issueImpactScore(['bug'], 0).score).toBe(55);
  });

  it('adds one point per comment, at most 10, and ignores a negative count', () => {
    expect([3, 10, 11, 25, -2].map((comments) => issueImpactScore([], comments).score)).toEqual([53, 60, 60, 60, 50]);
  });

  it('explains the score as base plus rules', () => {
    const result = issueImpactScore(['bug', 'security'], 4);
    expect(result.score).toBe(69);
    expect(result.base).toBe(50);
    expect(result.rules.map((rule) => rule.points)).toEqual([10, 5, 4]);
    expect(result.notes).toEqual([]);
  });

  it('peaks at 75 for a discussed security bug', () => {
    expect(issueImpactScore(['bug', 'security', 'performance'], 40).score).toBe(75);
  });
});
